package io.tinykube.server.controller;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tinykube.server.controller.autoscaling.HorizontalPodAutoscalerController;
import io.tinykube.server.controller.autoscaling.PodMetricsSource;
import io.tinykube.server.controller.batch.CronJobController;
import io.tinykube.server.controller.batch.JobController;
import io.tinykube.server.controller.batch.TtlAfterFinishedController;
import io.tinykube.server.controller.daemon.DaemonSetController;
import io.tinykube.server.controller.disruption.DisruptionController;
import io.tinykube.server.controller.gc.GarbageCollector;
import io.tinykube.server.controller.network.ApiServerEndpoints;
import io.tinykube.server.controller.network.EndpointSliceController;
import io.tinykube.server.controller.network.EndpointsController;
import io.tinykube.server.controller.node.NodeLifecycleController;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Informers;
import io.tinykube.server.controller.runtime.LeaderElection;
import io.tinykube.server.controller.stateful.StatefulSetController;
import io.tinykube.server.controller.workload.DeploymentController;
import io.tinykube.server.controller.workload.ReplicaSetController;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.server.scheduler.SchedulerLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the in-process controllers once the API's bootstrap objects exist. With an embedded
 * datastore this server is the only one and runs them at once; with a shared one they run under a
 * leader lease, so that one server of several runs them.
 */
@ApplicationScoped
public class Controllers {
    private static final Logger LOG = Logger.getLogger(Controllers.class);
    static final String LEASE_NAMESPACE = "kube-system";
    static final String LEASE_NAME = "tinykube-controller-manager";

    @Inject
    ResourceRegistry registry;

    @Inject
    ControllerConfig config;

    @ConfigProperty(name = "tinykube.server-dir")
    Path serverDir;

    @ConfigProperty(name = "quarkus.http.host")
    String bindAddress;

    @ConfigProperty(name = "quarkus.http.ssl-port")
    int httpsPort;

    @ConfigProperty(name = "tinykube.datastore-endpoint")
    Optional<String> datastoreEndpoint;

    private final Clock clock = Clock.systemUTC();
    private final String identity = identity();
    private ScheduledExecutorService executor;
    private Informers informers;
    private ControllerContext context;

    void start(@Observes @Priority(2000) StartupEvent event) {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "controller-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        if (datastoreEndpoint.isPresent()) {
            new LeaderElection(registry.require("coordination.k8s.io", "v1", "leases"), LEASE_NAMESPACE, LEASE_NAME, identity,
                    config.leaseDuration(), clock, this::startControllers, this::stopControllers)
                    .start(executor, config.leaseRenewPeriod());
        } else {
            startControllers();
        }
    }

    /** The control loops, in the order they start. */
    private List<Controller> controllers() {
        Duration resync = config.resyncPeriod();
        return List.of(new NamespaceController(), new ServiceAccountController(rootCa()), new GarbageCollector(resync),
                new EndpointsController(resync), new EndpointSliceController(resync), new ApiServerEndpoints(bindAddress, httpsPort),
                new NodeLifecycleController(config.nodeMonitorGracePeriod()), new DisruptionController(), new SchedulerLoop(),
                ReplicaSetController.replicaSets(resync), ReplicaSetController.replicationControllers(resync),
                new DeploymentController(resync), new StatefulSetController(resync),
                new DaemonSetController(resync),
                new HorizontalPodAutoscalerController(config.hpaSyncPeriod(), config.hpaDownscaleStabilization(), config.hpaTolerance(),
                        config.hpaCpuInitializationPeriod(), config.hpaInitialReadinessDelay(), PodMetricsSource.NONE),
                new JobController(), new CronJobController(), new TtlAfterFinishedController());
    }

    private synchronized void startControllers() {
        informers = new Informers(registry, executor);
        context = new ControllerContext(registry, informers, executor, clock, identity);
        for (Controller controller : controllers()) {
            controller.start(context);
        }
        LOG.debugf("%d controllers started", context.runners().size());
    }

    private synchronized void stopControllers() {
        if (context != null) {
            context.stop();
            informers.close();
            context = null;
        }
    }

    /** The running controllers' context, or null when this server does not lead. */
    public synchronized ControllerContext context() {
        return context;
    }

    private String rootCa() {
        try {
            return Files.readString(serverDir.resolve("tls/server-ca.crt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String identity() {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            host = "tinykube";
        }
        return host + "_" + UUID.randomUUID();
    }

    void stop(@Observes ShutdownEvent event) {
        stopControllers();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
