package io.tinykube.runtime.cgroup.v2;

import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** v2 memory controller: memory.max, memory.swap.max 0 to keep swap off, usage from memory.current/stat. */
final class Memory {

    private Memory() {
    }

    static void apply(Path cgroup, Resources resources) {
        Long bytes = resources.memoryLimitBytes();
        if (bytes == null) {
            return;
        }
        CgroupFiles.write(cgroup.resolve("memory.max"), bytes == Resources.UNLIMITED ? "max" : Long.toString(bytes));
        // memory.swap.max exists only with swap accounting; v2 counts swap separately, so 0 means no swap.
        Path swap = cgroup.resolve("memory.swap.max");
        if (Files.exists(swap)) {
            CgroupFiles.write(swap, bytes == Resources.UNLIMITED ? "max" : "0");
        }
    }

    static CgroupStats.Memory stats(Path cgroup) {
        long usage = CgroupFiles.readLong(cgroup.resolve("memory.current"));
        Map<String, Long> stat = CgroupFiles.readKeyed(cgroup.resolve("memory.stat"));
        Map<String, Long> events = CgroupFiles.readKeyed(cgroup.resolve("memory.events"));
        return new CgroupStats.Memory(
                usage,
                CgroupStats.Memory.workingSet(usage, stat.getOrDefault("inactive_file", 0L)),
                stat.getOrDefault("anon", 0L),
                stat.getOrDefault("file", 0L),
                CgroupFiles.readLimit(cgroup.resolve("memory.max")),
                events.getOrDefault("oom_kill", 0L));
    }
}
