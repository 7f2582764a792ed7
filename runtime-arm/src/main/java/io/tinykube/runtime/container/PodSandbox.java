package io.tinykube.runtime.container;

import io.tinykube.runtime.process.CommandFailedException;
import io.tinykube.runtime.process.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The IPC and UTS namespaces one pod's containers share, kept as bind-mounted nsfs files (as {@code ip netns}
 * keeps network namespaces, which {@link io.tinykube.runtime.network.PodNetwork} provides) rather than held
 * by a pause process: nothing to supervise, and one process start to create. Containers join them with
 * {@link ContainerSpec.Builder#sandbox}.
 */
public record PodSandbox(String id, Path ipcns, Path utsns) {

    /** Creates the namespaces under {@code dir} with the pod's hostname set; idempotent. */
    public static PodSandbox create(Path dir, String id, String hostname) {
        if (!ContainerSpec.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a usable sandbox id: " + id);
        }
        PodSandbox sandbox = new PodSandbox(id, dir.resolve(id + ".ipc"), dir.resolve(id + ".uts"));
        if (sandbox.isMounted()) {
            return sandbox;
        }
        try {
            Files.createDirectories(dir);
            for (Path file : List.of(sandbox.ipcns, sandbox.utsns)) {
                if (!Files.exists(file)) {
                    Files.createFile(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of(LaunchScripts.BUSYBOX, "unshare", "--ipc=" + sandbox.ipcns, "--uts=" + sandbox.utsns,
            LaunchScripts.BUSYBOX, "hostname", hostname));
        return sandbox;
    }

    /** Unmounts and deletes the namespace files; idempotent. Containers still inside keep them alive. */
    public void remove() {
        for (Path file : List.of(ipcns, utsns)) {
            if (isMountPoint(file)) {
                run(List.of(LaunchScripts.BUSYBOX, "umount", "-l", file.toString()));
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private boolean isMounted() {
        return isMountPoint(ipcns) && isMountPoint(utsns);
    }

    private static boolean isMountPoint(Path file) {
        try {
            String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
            String escaped = file.toString().replace("\\", "\\134").replace(" ", "\\040");
            return mountinfo.lines().anyMatch(line -> line.split(" ")[4].equals(escaped));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) {
        try {
            CommandRunner.processes().run(command);
        } catch (CommandFailedException e) {
            throw new ContainerException(e.getMessage(), e);
        }
    }
}
