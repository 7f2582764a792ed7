package io.tinykube.server.scheduler;

import java.util.List;

/**
 * Why a node cannot take a pod: upstream's reasons, and whether removing pods could help (Unschedulable) or not
 * (UnschedulableAndUnresolvable), which decides where preemption looks.
 */
record Status(boolean resolvable, List<String> reasons) {
    static Status unschedulable(String... reasons) {
        return new Status(true, List.of(reasons));
    }

    static Status unresolvable(String... reasons) {
        return new Status(false, List.of(reasons));
    }
}
