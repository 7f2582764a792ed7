package io.tinykube.server.controller.daemon;

import java.util.List;

/** What one step of the DaemonSet controller does: pods to delete (by name), nodes to give a new pod. */
record NodeChanges(List<String> deletes, List<String> creates) {
    boolean isEmpty() {
        return deletes.isEmpty() && creates.isEmpty();
    }
}
