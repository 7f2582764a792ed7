package io.tinykube.server.controller.runtime;

/**
 * Brings one object (by namespace/name key) to its desired state. Level-based: it re-reads what it
 * needs, so a lost or coalesced event costs only a delay.
 */
public interface Reconciler {
    /** @return true when done, false to be called again after a back-off */
    boolean reconcile(String namespace, String name);
}
