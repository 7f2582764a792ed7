package io.tinykube.server.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Upstream's {@code printPod}: the STATUS "reason", READY and RESTARTS logic of {@code kubectl get pods}. */
final class PodPrinter {
    /** {@code k8s.io/kubernetes/pkg/util/node.NodeUnreachablePodReason}. */
    private static final String NODE_LOST = "NodeLost";

    static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.string("Status", "The aggregate status of the containers in this pod."),
            Column.string("Restarts", "The number of times the containers in this pod have been restarted and when the"
                    + " last container in this pod has restarted."),
            Column.age(),
            Column.string("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not"
                    + " yet allocated.").wide(),
            Column.string("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a"
                    + " candidate for scheduling by the scheduler defined in schedulerName.").wide(),
            Column.string("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the"
                    + " node, but it cannot be scheduled right away as preemption victims receive their graceful"
                    + " termination periods.").wide(),
            Column.string("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.")
                    .wide());

    private PodPrinter() {
    }

    static TablePrinter printer() {
        return new KindPrinter(COLUMNS, PodPrinter::cells, PodPrinter::conditions);
    }

    static List<Object> cells(Obj pod, Instant now) {
        int restarts = 0;
        int restartableInitContainerRestarts = 0;
        List<Obj> containers = pod.list("spec", "containers");
        int totalContainers = containers.size();
        int readyContainers = 0;
        Instant lastRestartDate = null;
        Instant lastRestartableInitContainerRestartDate = null;

        String podPhase = pod.strOr("Pending", "status", "phase");
        String reason = podPhase;
        if (!pod.str("status", "reason").isEmpty()) {
            reason = pod.str("status", "reason");
        }
        List<Obj> conditions = pod.list("status", "conditions");
        for (Obj condition : conditions) {
            if ("PodScheduled".equals(condition.str("type")) && "SchedulingGated".equals(condition.str("reason"))) {
                reason = "SchedulingGated";
            }
        }

        List<Obj> initContainerSpecs = pod.list("spec", "initContainers");
        Map<String, Obj> initContainers = new HashMap<>();
        for (Obj spec : initContainerSpecs) {
            initContainers.put(spec.str("name"), spec);
            if (restartable(spec)) {
                totalContainers++;
            }
        }

        boolean initializing = false;
        List<Obj> initStatuses = pod.list("status", "initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            Obj container = initStatuses.get(i);
            restarts += (int) container.i64("restartCount");
            if (container.has("lastState", "terminated")) {
                Instant terminatedDate = container.time("lastState", "terminated", "finishedAt");
                if (Obj.before(lastRestartDate, terminatedDate)) {
                    lastRestartDate = terminatedDate;
                }
            }
            boolean restartable = restartable(initContainers.get(container.str("name")));
            if (restartable) {
                restartableInitContainerRestarts += (int) container.i64("restartCount");
                if (container.has("lastState", "terminated")) {
                    Instant terminatedDate = container.time("lastState", "terminated", "finishedAt");
                    if (Obj.before(lastRestartableInitContainerRestartDate, terminatedDate)) {
                        lastRestartableInitContainerRestartDate = terminatedDate;
                    }
                }
            }
            boolean terminated = container.has("state", "terminated");
            if (terminated && container.i64("state", "terminated", "exitCode") == 0) {
                continue;
            } else if (restartable && container.bool("started")) {
                if (container.bool("ready")) {
                    readyContainers++;
                }
                continue;
            } else if (terminated) {
                // initialization failed
                String terminatedReason = container.str("state", "terminated", "reason");
                if (terminatedReason.isEmpty()) {
                    long signal = container.i64("state", "terminated", "signal");
                    reason = signal != 0 ? "Init:Signal:" + signal
                            : "Init:ExitCode:" + container.i64("state", "terminated", "exitCode");
                } else {
                    reason = "Init:" + terminatedReason;
                }
                initializing = true;
            } else if (!container.str("state", "waiting", "reason").isEmpty()
                    && !"PodInitializing".equals(container.str("state", "waiting", "reason"))) {
                reason = "Init:" + container.str("state", "waiting", "reason");
                initializing = true;
            } else {
                reason = "Init:" + i + "/" + initContainerSpecs.size();
                initializing = true;
            }
            break;
        }

        if (!initializing || conditionStatusTrue(conditions, "Initialized")) {
            restarts = restartableInitContainerRestarts;
            lastRestartDate = lastRestartableInitContainerRestartDate;
            boolean hasRunning = false;
            List<Obj> statuses = pod.list("status", "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                Obj container = statuses.get(i);
                restarts += (int) container.i64("restartCount");
                if (container.has("lastState", "terminated")) {
                    Instant terminatedDate = container.time("lastState", "terminated", "finishedAt");
                    if (Obj.before(lastRestartDate, terminatedDate)) {
                        lastRestartDate = terminatedDate;
                    }
                }
                String waitingReason = container.str("state", "waiting", "reason");
                String terminatedReason = container.str("state", "terminated", "reason");
                if (container.has("state", "waiting") && !waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (container.has("state", "terminated") && !terminatedReason.isEmpty()) {
                    reason = terminatedReason;
                } else if (container.has("state", "terminated")) {
                    long signal = container.i64("state", "terminated", "signal");
                    reason = signal != 0 ? "Signal:" + signal
                            : "ExitCode:" + container.i64("state", "terminated", "exitCode");
                } else if (container.bool("ready") && container.has("state", "running")) {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            // back to "Running" if at least one container still reports as running
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionStatusTrue(conditions, "Ready") ? "Running" : "NotReady";
            }
        }

        boolean deleting = pod.has("metadata", "deletionTimestamp");
        if (deleting && NODE_LOST.equals(pod.str("status", "reason"))) {
            reason = "Unknown";
        } else if (deleting && !"Failed".equals(podPhase) && !"Succeeded".equals(podPhase)) {
            reason = "Terminating";
        }

        String restartsText = Integer.toString(restarts);
        if (restarts != 0 && lastRestartDate != null) {
            restartsText = restarts + " (" + HumanDuration.since(lastRestartDate, now) + " ago)";
        }

        String podIP = pod.str("status", "podIP");
        if (podIP.isEmpty()) {
            List<Obj> podIPs = pod.list("status", "podIPs");
            podIP = podIPs.isEmpty() ? "" : podIPs.get(0).str("ip");
        }
        String readinessGates = "<none>";
        List<Obj> gates = pod.list("spec", "readinessGates");
        if (!gates.isEmpty()) {
            int trueConditions = 0;
            for (Obj gate : gates) {
                for (Obj condition : conditions) {
                    if (condition.str("type").equals(gate.str("conditionType"))) {
                        if ("True".equals(condition.str("status"))) {
                            trueConditions++;
                        }
                        break;
                    }
                }
            }
            readinessGates = trueConditions + "/" + gates.size();
        }
        return KindPrinter.row(pod.name(), readyContainers + "/" + totalContainers, reason, restartsText,
                Cells.age(pod, now), orNone(podIP), orNone(pod.str("spec", "nodeName")),
                orNone(pod.str("status", "nominatedNodeName")), readinessGates);
    }

    /** Succeeded and Failed pods carry a {@code Completed} row condition, as upstream's do. */
    static List<ObjectNode> conditions(Obj pod) {
        String phase = pod.str("status", "phase");
        if ("Succeeded".equals(phase)) {
            return List.of(completed("Succeeded", "The pod has completed successfully."));
        } else if ("Failed".equals(phase)) {
            return List.of(completed("Failed", "The pod failed."));
        }
        return List.of();
    }

    private static ObjectNode completed(String reason, String message) {
        ObjectNode condition = JsonNodeFactory.instance.objectNode();
        condition.put("type", "Completed");
        condition.put("status", "True");
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }

    /** {@code podutil.IsRestartableInitContainer}: a sidecar, {@code restartPolicy: Always}. */
    private static boolean restartable(Obj initContainer) {
        return initContainer != null && "Always".equals(initContainer.str("restartPolicy"));
    }

    /** Whether the pod condition of {@code type} is True (upstream: hasPodReadyCondition, isPodInitializedConditionTrue). */
    private static boolean conditionStatusTrue(List<Obj> conditions, String type) {
        for (Obj condition : conditions) {
            if (type.equals(condition.str("type"))) {
                return "True".equals(condition.str("status"));
            }
        }
        return false;
    }

    private static String orNone(String value) {
        return value.isEmpty() ? "<none>" : value;
    }
}
