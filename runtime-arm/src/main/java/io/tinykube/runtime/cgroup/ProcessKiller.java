package io.tinykube.runtime.cgroup;

/** Sends SIGKILL to one process; a fake records the calls in unit tests. */
@FunctionalInterface
public interface ProcessKiller {

    /** Kills without starting a process: ProcessHandle signals any pid the JVM may signal. */
    ProcessKiller SIGKILL = pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

    void kill(long pid);
}
