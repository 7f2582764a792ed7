package io.tinykube.runtime.cgroup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reading and writing cgroupfs files, shared by the v1 and v2 controllers. */
public final class CgroupFiles {

    /** v1 reports "no limit" as the largest page-aligned counter; anything this large is unlimited. */
    private static final long V1_UNLIMITED_THRESHOLD = 1L << 62;
    private static final long REMOVE_TIMEOUT_MILLIS = 5_000;

    private CgroupFiles() {
    }

    public static void write(Path file, String value) {
        try {
            // One write() call: the kernel parses each write on its own, so the value must not be split.
            Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new CgroupException("cannot write \"" + value + "\" to " + file + ": " + reason(e), e);
        }
    }

    public static String read(Path file) {
        return readKernelFile(file).trim();
    }

    /**
     * Reads a pseudo-file in large chunks: Files.readString starts with a 1-byte read when the file reports
     * size 0, and sysctl files in /proc then answer the next read with end of file.
     */
    public static String readKernelFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CgroupException("cannot read " + file + ": " + reason(e), e);
        }
    }

    public static long readLong(Path file) {
        String text = read(file);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CgroupException(file + " does not hold a number: " + text);
        }
    }

    /** A limit file: "max" (v2) or a huge value (v1) means unlimited. */
    public static OptionalLong readLimit(Path file) {
        String text = read(file);
        if (text.equals("max")) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(text);
        return value >= V1_UNLIMITED_THRESHOLD ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Flat keyed files ("key value" per line): memory.stat, cpu.stat, memory.events, memory.oom_control. */
    public static Map<String, Long> readKeyed(Path file) {
        return parseKeyed(read(file));
    }

    public static Map<String, Long> parseKeyed(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2) {
                try {
                    values.put(fields[0], Long.parseLong(fields[1]));
                } catch (NumberFormatException ignored) {
                    // Keyed files may gain non-numeric entries in newer kernels; they are not ours to read.
                }
            }
        }
        return values;
    }

    /** The pids in a cgroup.procs file. */
    public static List<Long> readPids(Path procsFile) {
        List<Long> pids = new ArrayList<>();
        for (String line : read(procsFile).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    /** The cgroup and its descendants, parents before children. */
    public static List<Path> subtree(Path cgroup) {
        List<Path> cgroups = new ArrayList<>();
        collect(cgroup, cgroups);
        return cgroups;
    }

    private static void collect(Path cgroup, List<Path> into) {
        if (!Files.isDirectory(cgroup)) {
            return;
        }
        into.add(cgroup);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(cgroup, Files::isDirectory)) {
            for (Path child : children) {
                collect(child, into);
            }
        } catch (NoSuchFileException e) {
            // Removed while listing: nothing left to collect.
        } catch (IOException e) {
            throw new CgroupException("cannot list " + cgroup + ": " + reason(e), e);
        }
    }

    /** Creates the cgroup and any missing ancestors; returns the directories it created, top first. */
    public static List<Path> createDirectories(Path cgroup) {
        List<Path> created = new ArrayList<>();
        Path missing = cgroup;
        while (missing != null && !Files.isDirectory(missing)) {
            created.add(0, missing);
            missing = missing.getParent();
        }
        for (Path directory : created) {
            try {
                Files.createDirectory(directory);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another pod created the shared QoS parent at the same time.
            } catch (IOException e) {
                throw new CgroupException("cannot create cgroup " + directory + ": " + reason(e), e);
            }
        }
        return created;
    }

    /**
     * Removes a cgroup and its descendants, children first. rmdir fails with EBUSY while killed tasks are still
     * exiting, so it is retried for a few seconds.
     */
    public static void removeTree(Path cgroup) {
        List<Path> cgroups = subtree(cgroup);
        long deadline = System.currentTimeMillis() + REMOVE_TIMEOUT_MILLIS;
        for (int i = cgroups.size() - 1; i >= 0; i--) {
            removeDirectory(cgroups.get(i), deadline);
        }
    }

    private static void removeDirectory(Path cgroup, long deadline) {
        while (true) {
            try {
                // Files.delete rmdir()s a directory; cgroupfs ignores the control files inside it.
                Files.deleteIfExists(cgroup);
                return;
            } catch (FileSystemException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new CgroupException("cannot remove cgroup " + cgroup + ": " + reason(e), e);
                }
                sleep(10);
            } catch (IOException e) {
                throw new CgroupException("cannot remove cgroup " + cgroup + ": " + reason(e), e);
            }
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException("interrupted", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystemException && fileSystemException.getReason() != null) {
            return fileSystemException.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
