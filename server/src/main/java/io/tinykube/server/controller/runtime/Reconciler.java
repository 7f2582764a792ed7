package io.tinykube.server.controller.runtime;

/**
 * Brings one object (by namespace/name key) to its desired state. Level-based: it re-reads what it
 * needs from informers, so a lost or coalesced event costs only a delay.
 */
public interface Reconciler {
    Result reconcile(String namespace, String name);
}
