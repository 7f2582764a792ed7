package io.tinykube.installer;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hollow nodes, as kubemark's: each registers a Node, renews its Lease in kube-node-lease, and plays
 * kubelet for the pods bound to it — marks them Running and Ready (or what {@link #outcomes} says) and
 * removes them once they are deleted. No container runs. {@link #fail} stops a node's heartbeats and
 * pod handling, as a board losing power would.
 */
final class SimulatedNodes implements AutoCloseable {
    /** What a simulated kubelet makes of a pod bound to it. */
    enum Outcome { RUNNING_READY, RUNNING_NOT_READY, SUCCEEDED, FAILED, IGNORED }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final KubernetesClient client;
    private final Duration leaseRenewal;
    private final Set<String> alive = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService kubelet = Executors.newFixedThreadPool(4);
    private final AtomicInteger podIps = new AtomicInteger(1);
    private volatile Function<Pod, Outcome> outcomes = pod -> Outcome.RUNNING_READY;
    private SharedIndexInformer<Pod> pods;

    SimulatedNodes(KubernetesClient client, Duration leaseRenewal) {
        this.client = client;
        this.leaseRenewal = leaseRenewal;
    }

    /** Decides what becomes of pods bound to simulated nodes from now on. */
    SimulatedNodes outcomes(Function<Pod, Outcome> outcomes) {
        this.outcomes = outcomes;
        return this;
    }

    /** Plays the kubelet seeing a pod's readiness probe pass: the pod (on a simulated node) turns Running and Ready. */
    void markReady(String namespace, String name) {
        client.pods().inNamespace(namespace).withName(name).editStatus(pod -> withStatus(pod, pod.getSpec().getNodeName(), Outcome.RUNNING_READY));
    }

    /** Registers a Ready node with this much allocatable cpu and memory, and starts its heartbeats. */
    void add(String name, String cpu, String memory, Map<String, String> labels) {
        Map<String, Quantity> resources = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                "pods", new Quantity("110"), "ephemeral-storage", new Quantity("20Gi"));
        Node node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux", "kubernetes.io/arch", "arm64"))
                .addToLabels(labels).endMetadata()
                .withNewSpec().endSpec().build();
        client.nodes().resource(node).create();
        String now = now(SECONDS);
        node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().withCapacity(resources).withAllocatable(resources)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                .addNewAddress().withType("InternalIP").withAddress("10.99.0." + (alive.size() + 1)).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withNewNodeInfo().withArchitecture("arm64").withOperatingSystem("linux").withKubeletVersion("v1.33.0")
                .withContainerRuntimeVersion("simulated://0").withOsImage("simulated").withKernelVersion("0")
                .withMachineID("").withSystemUUID("").withBootID("").withKubeProxyVersion("").endNodeInfo()
                .build());
        client.nodes().resource(node).updateStatus();
        alive.add(name);
        renewLease(name);
        startPodHandling();
    }

    /**
     * {@link #add}, then a look at the pods already bound to the node: a controller can create a pod for a new node
     * (a DaemonSet's) and the scheduler bind it before {@code add} has marked the node alive.
     */
    void addAndSettle(String name, String cpu, String memory, Map<String, String> labels) {
        add(name, cpu, memory, labels);
        pods.getStore().list().stream().filter(pod -> name.equals(pod.getSpec().getNodeName())).forEach(this::handle);
    }

    /** The node stops renewing its lease and handling pods. */
    void fail(String name) {
        alive.remove(name);
    }

    /** The node comes back: renews its lease and posts Ready again. */
    void recover(String name) {
        alive.add(name);
        renewLease(name);
        client.nodes().withName(name).editStatus(node -> {
            node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).forEach(c -> {
                c.setStatus("True");
                c.setReason("KubeletReady");
                c.setLastHeartbeatTime(now(SECONDS));
            });
            return node;
        });
        pods.getStore().list().forEach(this::handle);
    }

    private synchronized void startPodHandling() {
        if (pods != null) {
            return;
        }
        heartbeats.scheduleWithFixedDelay(() -> alive.forEach(this::renewLeaseQuietly),
                leaseRenewal.toMillis(), leaseRenewal.toMillis(), TimeUnit.MILLISECONDS);
        pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                handle(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                handle(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
            }
        });
    }

    private void renewLeaseQuietly(String name) {
        try {
            renewLease(name);
        } catch (KubernetesClientException e) {
            // the server is busy or restarting: the next beat tries again
        }
    }

    private void renewLease(String name) {
        Lease lease = client.leases().inNamespace("kube-node-lease").withName(name).get();
        if (lease == null) {
            client.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build()).create();
        } else {
            lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
            client.leases().inNamespace("kube-node-lease").resource(lease).update();
        }
    }

    private void handle(Pod pod) {
        String node = pod.getSpec().getNodeName();
        if (node == null || !alive.contains(node)) {
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            kubelet.execute(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete());
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!"Pending".equals(phase)) {
            return;
        }
        Outcome outcome = outcomes.apply(pod);
        if (outcome == Outcome.IGNORED) {
            return;
        }
        kubelet.execute(() -> {
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .editStatus(current -> withStatus(current, node, outcome));
            } catch (KubernetesClientException gone) {
                // deleted meanwhile
            }
        });
    }

    private Pod withStatus(Pod pod, String node, Outcome outcome) {
        String now = now(SECONDS);
        boolean running = outcome == Outcome.RUNNING_READY || outcome == Outcome.RUNNING_NOT_READY;
        boolean ready = outcome == Outcome.RUNNING_READY;
        List<ContainerStatus> statuses = new ArrayList<>();
        pod.getSpec().getContainers().forEach(container -> statuses.add(new ContainerStatusBuilder()
                .withName(container.getName()).withImage(container.getImage()).withImageID(container.getImage())
                .withContainerID("simulated://" + pod.getMetadata().getUid() + "/" + container.getName())
                .withReady(ready).withStarted(running).withRestartCount(0)
                .withState(running ? new ContainerStateBuilder().withNewRunning().withStartedAt(now).endRunning().build()
                        : new ContainerStateBuilder().withNewTerminated().withExitCode(outcome == Outcome.SUCCEEDED ? 0 : 1)
                        .withReason(outcome == Outcome.SUCCEEDED ? "Completed" : "Error").withStartedAt(now).withFinishedAt(now)
                        .endTerminated().build())
                .build()));
        List<PodCondition> conditions = List.of(condition("PodReadyToStartContainers", running, now), condition("Initialized", true, now),
                condition("Ready", ready, now), condition("ContainersReady", ready, now), condition("PodScheduled", true, now));
        String ip = "10.42." + (podIps.get() / 250) + "." + (podIps.getAndIncrement() % 250 + 2);
        pod.getStatus().setPhase(switch (outcome) {
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            default -> "Running";
        });
        pod.getStatus().setConditions(conditions);
        pod.getStatus().setContainerStatuses(statuses);
        pod.getStatus().setHostIP("10.99.0.1");
        pod.getStatus().setPodIP(ip);
        pod.getStatus().setPodIPs(List.of(new io.fabric8.kubernetes.api.model.PodIP(ip)));
        pod.getStatus().setStartTime(now);
        return pod;
    }

    private static PodCondition condition(String type, boolean status, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").withLastTransitionTime(now).build();
    }

    private static String now(DateTimeFormatter format) {
        return ZonedDateTime.now(ZoneOffset.UTC).format(format);
    }

    @Override
    public void close() {
        alive.clear();
        heartbeats.shutdownNow();
        kubelet.shutdownNow();
        if (pods != null) {
            pods.close();
        }
    }
}
