package io.tinykube.server.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Every tunable of the control loops, with its default (upstream's where one exists). Set as
 * {@code tinykube.controllers.*} properties or {@code TINYKUBE_CONTROLLERS_*} environment variables.
 */
@ConfigMapping(prefix = "tinykube.controllers")
public interface ControllerConfig {
    /** Threads shared by all controllers; they block on the store, so a few more than cores. */
    @WithDefault("4")
    int threads();

    /** How often each controller looks at all of its objects again, events or not. */
    @WithDefault("5m")
    Duration resyncPeriod();

    /** With a shared datastore, how long a leader's lease lasts without renewal. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** With a shared datastore, how often the leader renews its lease (and others try to take it). */
    @WithDefault("5s")
    Duration leaseRenewPeriod();

    /** How long a node may go without renewing its Lease or status before it counts as unreachable. */
    @WithDefault("40s")
    Duration nodeMonitorGracePeriod();
}
