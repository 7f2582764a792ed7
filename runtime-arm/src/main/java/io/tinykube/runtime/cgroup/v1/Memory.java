package io.tinykube.runtime.cgroup.v1;

import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** v1 memory controller: memory.limit_in_bytes, with memory.memsw.limit_in_bytes holding swap off. */
final class Memory {

    private Memory() {
    }

    static void apply(Path cgroup, Resources resources) {
        Long bytes = resources.memoryLimitBytes();
        if (bytes == null) {
            return;
        }
        String value = Long.toString(bytes == Resources.UNLIMITED ? -1 : bytes);
        Path limit = cgroup.resolve("memory.limit_in_bytes");
        Path memoryAndSwap = cgroup.resolve("memory.memsw.limit_in_bytes");
        if (!Files.exists(memoryAndSwap)) {
            // Kernel without swap accounting: swap cannot be capped per cgroup.
            CgroupFiles.write(limit, value);
            return;
        }
        // The kernel keeps memsw >= limit at every step: raise memsw first, lower the limit first.
        boolean raising = bytes == Resources.UNLIMITED || bytes > CgroupFiles.readLong(memoryAndSwap);
        if (raising) {
            CgroupFiles.write(memoryAndSwap, value);
            CgroupFiles.write(limit, value);
        } else {
            CgroupFiles.write(limit, value);
            CgroupFiles.write(memoryAndSwap, value);
        }
    }

    static CgroupStats.Memory stats(Path cgroup) {
        long usage = CgroupFiles.readLong(cgroup.resolve("memory.usage_in_bytes"));
        // total_* counts descendants too, which a pod's cgroup needs.
        Map<String, Long> stat = CgroupFiles.readKeyed(cgroup.resolve("memory.stat"));
        return new CgroupStats.Memory(
                usage,
                CgroupStats.Memory.workingSet(usage, stat.getOrDefault("total_inactive_file", 0L)),
                stat.getOrDefault("total_rss", 0L),
                stat.getOrDefault("total_cache", 0L),
                CgroupFiles.readLimit(cgroup.resolve("memory.limit_in_bytes")),
                oomKills(cgroup));
    }

    /** v1 counts a kill only in the cgroup whose limit was hit; a pod adds up its containers' (v2 does that itself). */
    private static long oomKills(Path cgroup) {
        long kills = 0;
        for (Path member : CgroupFiles.subtree(cgroup)) {
            kills += CgroupFiles.readKeyed(member.resolve("memory.oom_control")).getOrDefault("oom_kill", 0L);
        }
        return kills;
    }
}
