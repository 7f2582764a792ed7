package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.GracefulDeletion;
import io.tinykube.server.api.PodBinding;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.ControllerRunner;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default scheduler's loop around {@link Scheduler}: pending pods (no node, our schedulerName, no
 * scheduling gates) are placed one at a time against a cache of nodes and their pods; the choice is
 * assumed in the cache at once so the next pod sees it, and the binding is written outside the lock.
 * Pods that fit nowhere get PodScheduled=False (Unschedulable) and a FailedScheduling event, and are
 * tried again when a node or a bound pod changes; preemption deletes the chosen victims first.
 */
public final class SchedulerLoop implements Controller, Reconciler {
    public static final String NAME = "default-scheduler";
    /** A safety net: unschedulable pods are retried on cluster changes, and at least this often. */
    static final Duration UNSCHEDULABLE_RETRY = Duration.ofSeconds(60);
    static final Duration PREEMPTION_RETRY = Duration.ofSeconds(1);

    private final Object lock = new Object();
    private final Map<String, NodeInfo> nodeInfos = new HashMap<>();
    /** Pods placed in the cache whose binding has not come back through the informer yet: key → node. */
    private final Map<String, String> assumed = new ConcurrentHashMap<>();
    private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
    private Scheduler scheduler;
    private Informer pods;
    private GenericStore podStore;
    private EventRecorder events;
    private ControllerRunner runner;
    private Clock clock;

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        Informer namespaces = context.informers().namespaces();
        scheduler = new Scheduler(namespace -> namespaces.get(null, namespace).map(Objects::labels).orElse(Map.of()));
        pods = context.informers().pods();
        podStore = context.store("", "v1", "pods");
        events = context.events(NAME);
        runner = context.runner("scheduler", this);
        context.informers().nodes().addHandler(new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode node) {
                synchronized (lock) {
                    nodeInfos.computeIfAbsent(Objects.name(node), name -> new NodeInfo(node));
                    pods.byIndex(Informers.PODS_BY_NODE, Objects.name(node))
                            .forEach(nodeInfos.get(Objects.name(node))::addPod);
                }
                retryUnschedulable();
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode node) {
                synchronized (lock) {
                    NodeInfo info = nodeInfos.get(Objects.name(node));
                    if (info == null) {
                        nodeInfos.put(Objects.name(node), new NodeInfo(node));
                    } else {
                        info.setNode(node);
                    }
                }
                if (!Json.sameJson(old.get("spec"), node.get("spec")) || !Json.sameJson(old.path("status").get("allocatable"),
                        node.path("status").get("allocatable")) || !Json.sameJson(old.path("metadata").get("labels"), node.path("metadata").get("labels"))) {
                    retryUnschedulable();
                }
            }

            @Override
            public void onDelete(ObjectNode node) {
                synchronized (lock) {
                    nodeInfos.remove(Objects.name(node));
                }
            }
        });
        pods.addHandler(new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode pod) {
                observe(null, pod);
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode pod) {
                observe(old, pod);
            }

            @Override
            public void onDelete(ObjectNode pod) {
                forget(pod);
                runner.enqueue(Informer.key(pod));
            }
        });
        runner.resync(pods, 300);
    }

    private void observe(ObjectNode old, ObjectNode pod) {
        String key = Informer.key(pod);
        String node = Json.text(pod, "spec", "nodeName");
        if (node == null) {
            if (!assumed.containsKey(key) && isOurs(pod)) {
                runner.enqueue(key);
            }
            return;
        }
        assumed.remove(key);
        boolean freed;
        synchronized (lock) {
            NodeInfo info = nodeInfos.get(node);
            freed = info != null && !info.addPod(pod) && old != null && !NodeInfo.isTerminal(old);
        }
        if (freed) {
            retryUnschedulable();
        }
    }

    private void forget(ObjectNode pod) {
        String node = Json.text(pod, "spec", "nodeName");
        assumed.remove(Informer.key(pod));
        if (node == null) {
            return;
        }
        synchronized (lock) {
            NodeInfo info = nodeInfos.get(node);
            if (info != null) {
                info.removePod(pod);
            }
        }
        retryUnschedulable();
    }

    private void retryUnschedulable() {
        for (String key : unschedulable) {
            runner.enqueue(key);
        }
    }

    private static boolean isOurs(JsonNode pod) {
        String schedulerName = Json.text(pod, "spec", "schedulerName");
        JsonNode gates = pod.path("spec").path("schedulingGates");
        return (schedulerName == null || schedulerName.equals(NAME)) && (gates.isMissingNode() || gates.isEmpty())
                && !Objects.isDeleting(pod) && !NodeInfo.isTerminal(pod);
    }

    @Override
    public Result reconcile(String namespace, String name) {
        String key = Informer.key(namespace, name);
        ObjectNode pod = pods.get(namespace, name).orElse(null);
        if (pod == null || Json.text(pod, "spec", "nodeName") != null || !isOurs(pod) || assumed.containsKey(key)) {
            unschedulable.remove(key);
            return Result.DONE;
        }
        ScheduleResult result;
        ObjectNode placed = null;
        NodeInfo chosen = null;
        synchronized (lock) {
            result = scheduler.schedule(pod, nodeInfos.values());
            if (result.isScheduled()) {
                chosen = nodeInfos.get(result.nodeName());
                placed = pod.deepCopy();
                Json.with(placed, "spec").put("nodeName", result.nodeName());
                chosen.addPod(placed);
                assumed.put(key, result.nodeName());
            }
        }
        if (result.isScheduled()) {
            return bind(pod, placed, chosen, result.nodeName());
        }
        unschedulable.add(key);
        reportUnschedulable(pod, result.message());
        if (result.nominatedNodeName() != null) {
            preempt(pod, result);
            return Result.after(PREEMPTION_RETRY);
        }
        return Result.after(UNSCHEDULABLE_RETRY);
    }

    private Result bind(ObjectNode pod, ObjectNode placed, NodeInfo chosen, String node) {
        String key = Informer.key(pod);
        try {
            PodBinding.assign(podStore, Objects.namespace(pod), Objects.name(pod), node);
            unschedulable.remove(key);
            events.normal(pod, "Scheduled", "Successfully assigned " + Objects.namespace(pod) + "/" + Objects.name(pod) + " to " + node);
            return Result.DONE;
        } catch (ApiException e) {
            synchronized (lock) {
                chosen.removePod(placed);
            }
            assumed.remove(key);
            if (e.code() == 404 || e.code() == 409) {
                return Result.DONE; // gone, being deleted, or bound by someone else: the informer tells the rest
            }
            throw e;
        }
    }

    /** PodScheduled=False with upstream's message, written only when it changes; and a FailedScheduling event. */
    private void reportUnschedulable(ObjectNode pod, String message) {
        events.warning(pod, "FailedScheduling", message);
        JsonNode current = condition(pod, "PodScheduled");
        if (current != null && "False".equals(current.path("status").asText()) && message.equals(current.path("message").asText())) {
            return;
        }
        try {
            podStore.update(Objects.namespace(pod), Objects.name(pod), stored -> {
                if (Json.text(stored, "spec", "nodeName") != null) {
                    return stored;
                }
                ArrayNode conditions = Json.with(stored, "status").withArray("conditions");
                ObjectNode condition = (ObjectNode) condition(stored, "PodScheduled");
                if (condition == null) {
                    condition = conditions.addObject().put("type", "PodScheduled");
                }
                if (!"False".equals(condition.path("status").asText())) {
                    condition.put("lastTransitionTime", Objects.timestamp(clock.instant()));
                }
                condition.put("status", "False").putNull("lastProbeTime");
                condition.put("reason", "Unschedulable").put("message", message);
                return stored;
            }, Part.STATUS, false);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static JsonNode condition(JsonNode pod, String type) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return null;
    }

    /** Nominates the node and deletes the victims, each marked with DisruptionTarget first, as upstream. */
    private void preempt(ObjectNode pod, ScheduleResult result) {
        podStore.update(Objects.namespace(pod), Objects.name(pod), stored -> {
            Json.with(stored, "status").put("nominatedNodeName", result.nominatedNodeName());
            return stored;
        }, Part.STATUS, false);
        String timestamp = Objects.timestamp(clock.instant());
        for (ObjectNode victim : result.victims()) {
            if (Objects.isDeleting(victim)) {
                continue;
            }
            try {
                podStore.update(Objects.namespace(victim), Objects.name(victim), stored -> {
                    ArrayNode conditions = Json.with(stored, "status").withArray("conditions");
                    conditions.addObject().put("type", "DisruptionTarget").put("status", "True").put("reason", "PreemptionByScheduler")
                            .put("message", NAME + ": preempting to accommodate a higher priority pod").put("lastTransitionTime", timestamp);
                    return stored;
                }, Part.STATUS, false);
                podStore.delete(Objects.namespace(victim), Objects.name(victim), DeleteOptions.DEFAULT, false,
                        GracefulDeletion.forType(podStore.type(), DeleteOptions.DEFAULT));
                events.normal(victim, "Preempted", "Preempted by pod " + Json.text(pod, "metadata", "uid") + " on node "
                        + result.nominatedNodeName());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }
}
