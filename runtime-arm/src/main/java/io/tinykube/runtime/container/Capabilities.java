package io.tinykube.runtime.container;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Linux capabilities of a container, by name without the {@code CAP_} prefix, lower case as setpriv takes
 * them. The default set is containerd's (and so Kubernetes'); a securityContext adds and drops from it, and
 * privileged containers get every capability the kernel knows.
 */
public final class Capabilities {
    /** Capability names in kernel bit order (capability.h): the index is the bit in CapEff. */
    public static final List<String> ALL = List.of(
        "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
        "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
        "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
        "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control",
        "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
        "perfmon", "bpf", "checkpoint_restore");

    /** containerd's default set (oci/spec.go), which kubelet leaves as is. */
    public static final Set<String> DEFAULT = Set.of("chown", "dac_override", "fsetid", "fowner", "mknod",
        "net_raw", "setgid", "setuid", "setfcap", "setpcap", "net_bind_service", "sys_chroot", "kill",
        "audit_write");

    private Capabilities() {
    }

    /**
     * The effective set for a securityContext: privileged = all; else the default set, then drops (where
     * {@code ALL} empties it), then adds ({@code ALL} = every capability), as containerd applies them.
     */
    public static Set<String> resolve(boolean privileged, Collection<String> add, Collection<String> drop) {
        if (privileged) {
            return new TreeSet<>(ALL);
        }
        Set<String> result = new TreeSet<>(DEFAULT);
        for (String name : drop) {
            if (name.equalsIgnoreCase("ALL")) {
                result.clear();
            } else {
                result.remove(normalize(name));
            }
        }
        for (String name : add) {
            if (name.equalsIgnoreCase("ALL")) {
                result.addAll(ALL);
            } else {
                result.add(normalize(name));
            }
        }
        return result;
    }

    /** "CAP_NET_ADMIN", "NET_ADMIN" and "net_admin" name the same capability; unknown names are refused. */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("cap_")) {
            lower = lower.substring(4);
        }
        if (!ALL.contains(lower)) {
            throw new IllegalArgumentException("unknown capability: " + name);
        }
        return lower;
    }

    /** The bit mask /proc/PID/status shows as CapEff for this set. */
    public static long mask(Collection<String> names) {
        long mask = 0;
        for (String name : names) {
            mask |= 1L << ALL.indexOf(normalize(name));
        }
        return mask;
    }
}
