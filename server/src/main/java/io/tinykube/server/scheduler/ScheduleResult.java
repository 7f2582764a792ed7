package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of scheduling one pod. Either {@code nodeName} is set (bind the pod there), or {@code message} says
 * why no node fits, as upstream's FailedScheduling event and PodScheduled condition say it. When preemption found
 * room, {@code nominatedNodeName} names the node and {@code victims} the pods to evict (most important first); the
 * pod itself stays unscheduled until they are gone.
 */
public record ScheduleResult(String nodeName, String message, String nominatedNodeName, List<ObjectNode> victims) {

    static ScheduleResult scheduled(String nodeName) {
        return new ScheduleResult(nodeName, null, null, List.of());
    }

    static ScheduleResult unschedulable(String message) {
        return new ScheduleResult(null, message, null, List.of());
    }

    static ScheduleResult preempting(String message, String nominatedNodeName, List<ObjectNode> victims) {
        return new ScheduleResult(null, message, nominatedNodeName, List.copyOf(victims));
    }

    public boolean isScheduled() {
        return nodeName != null;
    }
}
