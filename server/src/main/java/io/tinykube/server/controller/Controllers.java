package io.tinykube.server.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tinykube.server.controller.runtime.ControllerRunner;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts the in-process controllers once the API's bootstrap objects exist; they share two threads. */
@ApplicationScoped
public class Controllers {
    static final int THREADS = 2;
    static final long RESYNC_SECONDS = 300;

    @Inject
    ResourceRegistry registry;

    @ConfigProperty(name = "tinykube.server-dir")
    Path serverDir;

    private final List<ControllerRunner> runners = new ArrayList<>();
    private ScheduledExecutorService executor;

    void start(@Observes @Priority(2000) StartupEvent event) {
        executor = Executors.newScheduledThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "controller");
            thread.setDaemon(true);
            return thread;
        });
        Predicate<ObjectNode> deleting = Objects::isDeleting;
        run("namespace", deleting, new NamespaceController(registry));
        run("serviceaccount", namespace -> !Objects.isDeleting(namespace), new ServiceAccountController(registry, rootCa()));
    }

    private void run(String name, Predicate<ObjectNode> interesting, io.tinykube.server.controller.runtime.Reconciler reconciler) {
        ControllerRunner runner = new ControllerRunner(name, registry.namespaces(), interesting, reconciler, executor);
        runner.start(RESYNC_SECONDS);
        runners.add(runner);
    }

    private String rootCa() {
        try {
            return Files.readString(serverDir.resolve("tls/server-ca.crt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        runners.forEach(ControllerRunner::close);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
