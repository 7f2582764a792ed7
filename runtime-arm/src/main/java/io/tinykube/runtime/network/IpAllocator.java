package io.tinykube.runtime.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hands out the pod addresses of one CIDR, one per sandbox, never one twice. State lives in files so it
 * survives agent restarts (as CNI's host-local plugin keeps it): one file per allocated address, named
 * after it and holding the sandbox id, created with {@code CREATE_NEW} so two allocators can never both
 * win an address. A file lock (plus a JVM-wide lock, as file locks do not exclude threads of one JVM)
 * serialises allocators; the address after the last one handed out is tried first, so a released
 * address is not reused at once (stale ARP and conntrack entries would still point at the old pod).
 */
public final class IpAllocator {
    /** Sandbox ids become file contents and file names; keep them to a safe alphabet. */
    static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final String LOCK_FILE = "lock";
    private static final String LAST_RESERVED_FILE = "last-reserved";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Ipv4Cidr cidr;

    public IpAllocator(Path dir, Ipv4Cidr cidr) {
        this.dir = dir.toAbsolutePath().normalize();
        this.cidr = cidr;
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create IPAM directory " + this.dir, e);
        }
    }

    public Ipv4Cidr cidr() {
        return cidr;
    }

    /** The sandbox's address: the one it already holds, or a free one. */
    public Inet4Address allocate(String sandboxId) {
        requireValidSandboxId(sandboxId);
        return locked(() -> {
            Optional<Integer> held = findLocked(sandboxId);
            if (held.isPresent()) {
                return Ipv4Cidr.toInet(held.get());
            }
            int count = cidr.podAddressCount();
            int start = readLastReserved().map(last -> last + 1).orElse(cidr.firstPodAddress());
            for (int i = 0; i < count; i++) {
                int candidate = cidr.firstPodAddress()
                    + Math.floorMod(start - cidr.firstPodAddress() + i, count);
                if (tryClaim(candidate, sandboxId)) {
                    writeLastReserved(candidate);
                    return Ipv4Cidr.toInet(candidate);
                }
            }
            throw new IpPoolExhaustedException(cidr);
        });
    }

    /** The address the sandbox holds, if any. */
    public Optional<Inet4Address> find(String sandboxId) {
        requireValidSandboxId(sandboxId);
        return locked(() -> findLocked(sandboxId).map(Ipv4Cidr::toInet));
    }

    /** Gives the sandbox's address back; false when it held none. */
    public boolean release(String sandboxId) {
        requireValidSandboxId(sandboxId);
        return locked(() -> {
            Optional<Integer> held = findLocked(sandboxId);
            held.ifPresent(address -> deleteIfExists(fileOf(address)));
            return held.isPresent();
        });
    }

    /** Every allocated address of this CIDR and the sandbox holding it. */
    public Map<Inet4Address, String> allocations() {
        return locked(() -> {
            Map<Integer, String> byAddress = new TreeMap<>(Integer::compareUnsigned);
            forEachAllocation(byAddress::put);
            Map<Inet4Address, String> result = new LinkedHashMap<>();
            byAddress.forEach((address, id) -> result.put(Ipv4Cidr.toInet(address), id));
            return result;
        });
    }

    static void requireValidSandboxId(String sandboxId) {
        if (sandboxId == null || !SANDBOX_ID.matcher(sandboxId).matches()) {
            throw new IllegalArgumentException("sandbox id must match " + SANDBOX_ID + ", got: " + sandboxId);
        }
    }

    private boolean tryClaim(int address, String sandboxId) {
        Path file = fileOf(address);
        try {
            Files.writeString(file, sandboxId, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            // Under the lock an empty file can only be left by an allocator that crashed between creating
            // and writing it: the address was never handed out, so it is reclaimed.
            if (readOwner(file).isEmpty()) {
                writeAtomically(file, sandboxId);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Optional<Integer> findLocked(String sandboxId) {
        Integer[] found = {null};
        forEachAllocation((address, owner) -> {
            if (owner.equals(sandboxId)) {
                found[0] = address;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    private void forEachAllocation(BiConsumer<Integer, String> consumer) {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                int address;
                try {
                    address = Ipv4Cidr.parseAddress(file.getFileName().toString());
                } catch (IllegalArgumentException notAnAddressFile) {
                    return;
                }
                if (cidr.isPodAddress(address)) {
                    readOwner(file).ifPresent(owner -> consumer.accept(address, owner));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private Optional<String> readOwner(Path file) {
        try {
            String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
            return owner.isEmpty() ? Optional.empty() : Optional.of(owner);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Optional<Integer> readLastReserved() {
        Path file = dir.resolve(LAST_RESERVED_FILE);
        try {
            int last = Ipv4Cidr.parseAddress(Files.readString(file).strip());
            return cidr.isPodAddress(last) ? Optional.of(last) : Optional.empty();
        } catch (NoSuchFileException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void writeLastReserved(int address) {
        writeAtomically(dir.resolve(LAST_RESERVED_FILE), Ipv4Cidr.format(address));
    }

    private void writeAtomically(Path file, String content) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Path fileOf(int address) {
        return dir.resolve(Ipv4Cidr.format(address));
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private <T> T locked(Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE),
                 StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir.resolve(LOCK_FILE), e);
        } finally {
            jvmLock.unlock();
        }
    }
}
