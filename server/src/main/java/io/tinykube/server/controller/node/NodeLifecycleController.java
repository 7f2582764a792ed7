package io.tinykube.server.controller.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.GracefulDeletion;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.EventRecorder;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Informers;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Node health and its consequences, as upstream's node lifecycle and taint-eviction controllers: a node
 * whose Lease and status both go unrenewed for the grace period gets its conditions set to Unknown and
 * the {@code unreachable} taints (a node reporting Ready=False gets the {@code not-ready} ones); pods on a
 * node with NoExecute taints are deleted once their tolerations run out (at once when not tolerated,
 * after {@code tolerationSeconds} otherwise), so their controllers recreate them elsewhere. The taints go
 * when the node reports Ready again.
 */
public final class NodeLifecycleController implements Controller, Reconciler {
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    private static final Set<String> MANAGED_TAINTS = Set.of(NOT_READY, UNREACHABLE, UNSCHEDULABLE);
    private static final List<String> CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

    private final Duration gracePeriod;
    private Clock clock;
    private Informer nodes;
    private Informer leases;
    private Informer pods;
    private GenericStore nodeStore;
    private GenericStore podStore;
    private EventRecorder events;

    public NodeLifecycleController(Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        nodes = context.informers().nodes();
        leases = context.informers().get("coordination.k8s.io", "v1", "leases");
        pods = context.informers().pods();
        nodeStore = context.store("", "v1", "nodes");
        podStore = context.store("", "v1", "pods");
        events = context.events("node-controller");
        context.runner("node-lifecycle", this)
                .watch(nodes, node -> true)
                .watchMapped(leases, lease -> NODE_LEASE_NAMESPACE.equals(Objects.namespace(lease)) ? List.of(Objects.name(lease)) : List.of())
                .watchMapped(pods, this::taintedNodeOf)
                .resync(nodes, 30);
    }

    /** A pod matters here only while its node has NoExecute taints. */
    private List<String> taintedNodeOf(ObjectNode pod) {
        String nodeName = Json.text(pod, "spec", "nodeName");
        if (nodeName == null) {
            return List.of();
        }
        return nodes.get(null, nodeName).filter(node -> !noExecuteTaints(node).isEmpty()).map(node -> List.of(nodeName)).orElse(List.of());
    }

    @Override
    public Result reconcile(String ignored, String name) {
        ObjectNode node = nodes.get(null, name).orElse(null);
        if (node == null) {
            return Result.DONE;
        }
        Instant now = clock.instant();
        Instant deadline = lastProbe(node).plus(gracePeriod);
        Result result = Result.DONE;
        if (now.isBefore(deadline)) {
            result = Result.after(Duration.between(now, deadline).plusMillis(500));
        } else if (!"Unknown".equals(readyStatus(node))) {
            node = markUnknown(node, now);
        }
        node = reconcileTaints(node, now);
        return result.and(evictIntolerant(node, now));
    }

    private Instant lastProbe(ObjectNode node) {
        Instant probe = Instant.parse(Json.text(node, "metadata", "creationTimestamp"));
        JsonNode ready = condition(node, "Ready");
        if (ready != null && ready.hasNonNull("lastHeartbeatTime")) {
            probe = later(probe, Instant.parse(ready.get("lastHeartbeatTime").asText()));
        }
        ObjectNode lease = leases.get(NODE_LEASE_NAMESPACE, Objects.name(node)).orElse(null);
        String renewed = lease == null ? null : Json.text(lease, "spec", "renewTime");
        if (renewed != null) {
            probe = later(probe, Instant.parse(renewed));
        }
        return probe;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static JsonNode condition(JsonNode node, String type) {
        for (JsonNode condition : node.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return null;
    }

    private static String readyStatus(JsonNode node) {
        JsonNode ready = condition(node, "Ready");
        return ready == null ? null : ready.path("status").asText();
    }

    /** The kubelet went quiet: every condition becomes Unknown and the pods on the node stop being Ready. */
    private ObjectNode markUnknown(ObjectNode node, Instant now) {
        String timestamp = Objects.timestamp(now);
        ObjectNode updated = nodeStore.update(null, Objects.name(node), current -> {
            ArrayNode conditions = Json.with(current, "status").withArray("conditions");
            boolean neverPosted = condition(current, "Ready") == null;
            for (String type : CONDITIONS) {
                ObjectNode condition = (ObjectNode) condition(current, type);
                if (condition == null) {
                    if (!neverPosted && !type.equals("Ready")) {
                        continue;
                    }
                    condition = conditions.addObject().put("type", type);
                }
                if (!"Unknown".equals(condition.path("status").asText())) {
                    condition.put("lastTransitionTime", timestamp);
                }
                condition.put("status", "Unknown");
                condition.put("reason", neverPosted ? "NodeStatusNeverUpdated" : "NodeStatusUnknown");
                condition.put("message", neverPosted ? "Kubelet never posted node status." : "Kubelet stopped posting node status.");
                if (!condition.has("lastHeartbeatTime")) {
                    condition.put("lastHeartbeatTime", Json.text(current, "metadata", "creationTimestamp"));
                }
            }
            return current;
        }, Part.STATUS, false);
        events.normal(updated, "NodeNotReady", "Node " + Objects.name(node) + " status is now: NodeNotReady");
        for (ObjectNode pod : pods.byIndex(Informers.PODS_BY_NODE, Objects.name(node))) {
            markPodNotReady(pod, timestamp);
        }
        return updated;
    }

    private void markPodNotReady(ObjectNode pod, String timestamp) {
        JsonNode ready = condition(pod, "Ready");
        if (ready == null || !"True".equals(ready.path("status").asText())) {
            return;
        }
        try {
            podStore.update(Objects.namespace(pod), Objects.name(pod), current -> {
                for (JsonNode condition : current.path("status").path("conditions")) {
                    if ("Ready".equals(condition.path("type").asText()) || "ContainersReady".equals(condition.path("type").asText())) {
                        ((ObjectNode) condition).put("status", "False").put("lastTransitionTime", timestamp);
                    }
                }
                return current;
            }, Part.STATUS, false);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** The taints a node's state calls for; the ones it has already keep their timeAdded. */
    private ObjectNode reconcileTaints(ObjectNode node, Instant now) {
        List<String[]> wanted = new ArrayList<>();
        String ready = readyStatus(node);
        if ("Unknown".equals(ready)) {
            wanted.add(new String[]{UNREACHABLE, "NoSchedule"});
            wanted.add(new String[]{UNREACHABLE, "NoExecute"});
        } else if ("False".equals(ready)) {
            wanted.add(new String[]{NOT_READY, "NoSchedule"});
            wanted.add(new String[]{NOT_READY, "NoExecute"});
        }
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            wanted.add(new String[]{UNSCHEDULABLE, "NoSchedule"});
        }
        ArrayNode taints = Json.array();
        for (JsonNode taint : node.path("spec").path("taints")) {
            if (!MANAGED_TAINTS.contains(taint.path("key").asText()) || wanted.removeIf(w -> matches(taint, w))) {
                taints.add(taint);
            }
        }
        for (String[] taint : wanted) {
            ObjectNode added = taints.addObject().put("key", taint[0]).put("effect", taint[1]);
            if (taint[1].equals("NoExecute")) {
                added.put("timeAdded", Objects.timestamp(now));
            }
        }
        if (taints.equals(node.path("spec").path("taints")) || (taints.isEmpty() && !node.path("spec").has("taints"))) {
            return node;
        }
        return nodeStore.update(null, Objects.name(node), current -> {
            if (taints.isEmpty()) {
                Json.with(current, "spec").remove("taints");
            } else {
                Json.with(current, "spec").set("taints", taints);
            }
            return current;
        }, Part.ALL, false);
    }

    private static boolean matches(JsonNode taint, String[] wanted) {
        return taint.path("key").asText().equals(wanted[0]) && taint.path("effect").asText().equals(wanted[1]);
    }

    private static List<JsonNode> noExecuteTaints(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode taint : node.path("spec").path("taints")) {
            if ("NoExecute".equals(taint.path("effect").asText())) {
                found.add(taint);
            }
        }
        return found;
    }

    /** Deletes pods whose tolerations of the node's NoExecute taints have run out; returns when to look again. */
    private Result evictIntolerant(ObjectNode node, Instant now) {
        List<JsonNode> taints = noExecuteTaints(node);
        if (taints.isEmpty()) {
            return Result.DONE;
        }
        Result result = Result.DONE;
        for (ObjectNode pod : pods.byIndex(Informers.PODS_BY_NODE, Objects.name(node))) {
            if (Objects.isDeleting(pod)) {
                continue;
            }
            Instant evictAt = evictionTime(pod, taints, now);
            if (evictAt == null) {
                continue;
            }
            if (evictAt.isAfter(now)) {
                result = result.and(Result.after(Duration.between(now, evictAt).plusMillis(100)));
            } else {
                evict(pod);
            }
        }
        return result;
    }

    /** When the pod must go, or null when it tolerates the taints forever. */
    private static Instant evictionTime(JsonNode pod, List<JsonNode> taints, Instant now) {
        Instant evictAt = null;
        for (JsonNode taint : taints) {
            JsonNode toleration = Tolerations.find(pod.path("spec").path("tolerations"), taint);
            if (toleration == null) {
                return now;
            }
            if (toleration.hasNonNull("tolerationSeconds")) {
                Instant added = taint.hasNonNull("timeAdded") ? Instant.parse(taint.get("timeAdded").asText()) : now;
                Instant at = added.plusSeconds(Math.max(0, toleration.get("tolerationSeconds").asLong()));
                evictAt = evictAt == null || at.isBefore(evictAt) ? at : evictAt;
            }
        }
        return evictAt;
    }

    private void evict(ObjectNode pod) {
        try {
            podStore.delete(Objects.namespace(pod), Objects.name(pod), DeleteOptions.DEFAULT, false,
                    GracefulDeletion.forType(podStore.type(), DeleteOptions.DEFAULT));
            events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + Objects.namespace(pod) + "/" + Objects.name(pod));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
