package io.tinykube.runtime.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * kubelet's log layout: {@code <podLogsRoot>/<namespace>_<pod>_<uid>/<container>/<restartCount>.log}, and
 * for log collectors a symlink {@code <containerLogsDir>/<pod>_<namespace>_<container>-<containerId>.log}
 * to the container's current file (the name cut to ext4's 255 bytes, as kubelet does).
 */
public final class LogDirectories {
    public static final Path DEFAULT_POD_LOGS_ROOT = Path.of("/var/log/pods");
    public static final Path DEFAULT_CONTAINER_LOGS_DIR = Path.of("/var/log/containers");
    private static final int MAX_FILE_NAME = 255;
    private static final String SUFFIX = ".log";

    private final Path podLogsRoot;
    private final Path containerLogsDir;

    public LogDirectories(Path podLogsRoot, Path containerLogsDir) {
        this.podLogsRoot = podLogsRoot.toAbsolutePath().normalize();
        this.containerLogsDir = containerLogsDir.toAbsolutePath().normalize();
    }

    public static LogDirectories kubeletDefaults() {
        return new LogDirectories(DEFAULT_POD_LOGS_ROOT, DEFAULT_CONTAINER_LOGS_DIR);
    }

    public Path podDirectory(PodLogRef pod) {
        return podLogsRoot.resolve(pod.directoryName());
    }

    public Path containerDirectory(PodLogRef pod, String container) {
        PodLogRef.requireSafe("container name", container);
        return podDirectory(pod).resolve(container);
    }

    public Path containerLogFile(PodLogRef pod, String container, int restartCount) {
        if (restartCount < 0) {
            throw new IllegalArgumentException("negative restart count: " + restartCount);
        }
        return containerDirectory(pod, container).resolve(restartCount + SUFFIX);
    }

    /** Creates the container's log directory (and the pod's), mode 0755 as kubelet makes them. */
    public Path createContainerDirectory(PodLogRef pod, String container) throws IOException {
        Path dir = containerDirectory(pod, container);
        createDirectory(podLogsRoot);
        createDirectory(podDirectory(pod));
        createDirectory(dir);
        return dir;
    }

    /** kubelet's symlink name, {@code <pod>_<namespace>_<container>-<containerId>.log}, cut to 255 bytes. */
    public static String symlinkName(PodLogRef pod, String container, String containerId) {
        String name = pod.name() + "_" + pod.namespace() + "_" + container + "-" + containerId;
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int max = MAX_FILE_NAME - SUFFIX.length();
        if (bytes.length > max) {
            // Kubernetes names are ASCII, so cutting bytes cuts characters.
            name = new String(bytes, 0, max, StandardCharsets.UTF_8);
        }
        return name + SUFFIX;
    }

    public Path symlink(PodLogRef pod, String container, String containerId) {
        PodLogRef.requireSafe("container name", container);
        PodLogRef.requireSafe("container id", containerId);
        return containerLogsDir.resolve(symlinkName(pod, container, containerId));
    }

    /** Points the container's symlink at its current log file, replacing an older link. */
    public Path link(PodLogRef pod, String container, String containerId, Path logFile) throws IOException {
        createDirectory(containerLogsDir);
        Path link = symlink(pod, container, containerId);
        Path target = logFile.toAbsolutePath();
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, target);
        } catch (FileAlreadyExistsException raced) {
            Files.delete(link);
            Files.createSymbolicLink(link, target);
        }
        return link;
    }

    public void unlink(PodLogRef pod, String container, String containerId) throws IOException {
        Files.deleteIfExists(symlink(pod, container, containerId));
    }

    /** Removes the pod's log directory and every symlink under the container logs dir pointing into it. */
    public void removePod(PodLogRef pod) throws IOException {
        Path podDir = podDirectory(pod);
        if (Files.isDirectory(containerLogsDir)) {
            try (DirectoryStream<Path> links = Files.newDirectoryStream(containerLogsDir)) {
                for (Path link : links) {
                    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(podDir)) {
                        Files.deleteIfExists(link);
                    }
                }
            }
        }
        deleteTree(podDir);
    }

    private static void createDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(dir)) {
                    throw raced;
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException gone) {
                    // Removed meanwhile: fine.
                }
            }
        }
    }
}
