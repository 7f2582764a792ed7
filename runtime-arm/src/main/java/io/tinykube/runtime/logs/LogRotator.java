package io.tinykube.runtime.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Rotates one container log file with kubelet's naming and retention (pkg/kubelet/logs): {@code 0.log} is
 * renamed to {@code 0.log.<yyyyMMdd-HHmmss>} (the node's local time, as kubelet formats it), older rotated
 * files are gzipped to {@code .gz} through a {@code .tmp} file, and the oldest are removed so that, with the
 * new current file, at most {@code maxFiles} remain.
 */
final class LogRotator {
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String COMPRESSED = ".gz";
    private static final String TEMPORARY = ".tmp";

    private final Path logFile;
    private final LogRotationPolicy policy;
    private final Clock clock;

    LogRotator(Path logFile, LogRotationPolicy policy, Clock clock) {
        this.logFile = logFile;
        this.policy = policy;
        this.clock = clock;
    }

    /** The name the current file gets now, or null when that name is taken (a rotation this very second). */
    Path nextRotatedName() {
        String suffix = SUFFIX.format(LocalDateTime.now(clock));
        Path rotated = logFile.resolveSibling(logFile.getFileName() + "." + suffix);
        return Files.exists(rotated) || Files.exists(Path.of(rotated + COMPRESSED)) ? null : rotated;
    }

    /**
     * Before the current file is renamed: drops leftovers of failed rotations and the oldest rotated files,
     * keeping {@code maxFiles - 2} (the rotation adds one, the current file is the last).
     */
    void removeExcess() throws IOException {
        List<Path> rotated = new ArrayList<>();
        for (Path file : rotatedFiles(true)) {
            if (inUse(file)) {
                rotated.add(file);
            } else {
                Files.deleteIfExists(file);
            }
        }
        rotated.sort(null);
        int excess = rotated.size() - Math.max(0, policy.maxFiles() - 2);
        for (int i = 0; i < excess; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    /** After a rotation: gzips every rotated file but the newest, which a reader may still be finishing. */
    void compressOlder() throws IOException {
        List<Path> plain = new ArrayList<>();
        for (Path file : rotatedFiles(false)) {
            if (!file.toString().endsWith(COMPRESSED) && inUse(file)) {
                plain.add(file);
            }
        }
        plain.sort(null);
        for (int i = 0; i < plain.size() - 1; i++) {
            compress(plain.get(i));
        }
    }

    /** Rotated files not yet compressed, oldest first: those a follower can still go on to read. */
    static List<Path> uncompressedRotatedLogs(Path logFile) throws IOException {
        List<Path> rotated = new ArrayList<>(new LogRotator(logFile, LogRotationPolicy.DISABLED, Clock.systemUTC())
                .rotatedFiles(false));
        rotated.removeIf(file -> file.toString().endsWith(COMPRESSED) || !inUse(file));
        rotated.sort(null);
        return rotated;
    }

    private List<Path> rotatedFiles(boolean includeTemporary) throws IOException {
        String prefix = logFile.getFileName() + ".";
        Path dir = logFile.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix))
                    .filter(file -> includeTemporary || !file.toString().endsWith(TEMPORARY))
                    .toList();
        }
    }

    /** kubelet's isInUse: temporary files are not, nor a plain file whose compressed twin exists. */
    private static boolean inUse(Path file) {
        String name = file.toString();
        if (name.endsWith(TEMPORARY)) {
            return false;
        }
        return name.endsWith(COMPRESSED) || !Files.exists(Path.of(name + COMPRESSED));
    }

    private static void compress(Path file) throws IOException {
        Path temporary = Path.of(file + TEMPORARY);
        try {
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary), 64 * 1024)) {
                in.transferTo(out);
            }
            Files.move(temporary, Path.of(file + COMPRESSED), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
