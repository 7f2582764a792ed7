package io.tinykube.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code <root>/blobs/sha256/<hex>}. Content is written to a file under
 * {@code <root>/ingest}, verified, then renamed into place, so a blob's path never holds partial or wrong content.
 */
public final class BlobStore {
    private final Path blobs;
    private final Path ingest;
    // Pulls and imports hold the read side while they add blobs no image references yet; pruning takes the write side.
    private final ReentrantReadWriteLock pruneLock = new ReentrantReadWriteLock();

    public BlobStore(Path root) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        this.ingest = Files.createDirectories(root.resolve("ingest"));
    }

    public Path path(String digest) throws ImageException {
        return blobs.resolve(Digests.hex(Digests.requireValid(digest)));
    }

    public boolean contains(String digest) throws ImageException {
        return Files.isRegularFile(path(digest));
    }

    public long size(String digest) throws IOException {
        return Files.size(path(digest));
    }

    public byte[] read(String digest) throws IOException {
        try {
            return Files.readAllBytes(path(digest));
        } catch (NoSuchFileException e) {
            throw new ImageException("blob " + digest + " is not in the store");
        }
    }

    /** Stores small content (manifests, configs) under its own digest. */
    public String put(byte[] content) throws IOException {
        String digest = Digests.of(content);
        put(digest, content);
        return digest;
    }

    /** Stores content that must hash to {@code expectedDigest}. */
    public void put(String expectedDigest, byte[] content) throws IOException {
        Digests.requireValid(expectedDigest);
        String actual = Digests.of(content);
        if (!actual.equals(expectedDigest)) {
            throw new DigestMismatchException(expectedDigest, actual);
        }
        if (contains(expectedDigest)) {
            return;
        }
        Path temp = Files.createTempFile(ingest, "put-", ".tmp");
        try {
            Files.write(temp, content);
            commit(temp, expectedDigest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies a stream in; if {@code expectedDigest} is null the content is stored under whatever it hashes to.
     * Returns the digest.
     */
    public String put(String expectedDigest, InputStream content) throws IOException {
        Path temp = Files.createTempFile(ingest, "copy-", ".tmp");
        try {
            MessageDigest sha256 = Digests.sha256();
            // The caller owns the stream (it may be one entry of a tar): read it, never close it.
            try (OutputStream out = Files.newOutputStream(temp)) {
                new DigestInputStream(content, sha256).transferTo(out);
            }
            String actual = Digests.format(sha256.digest());
            if (expectedDigest != null && !actual.equals(expectedDigest)) {
                throw new DigestMismatchException(expectedDigest, actual);
            }
            if (!contains(actual)) {
                commit(temp, actual);
            }
            return actual;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Where a download of {@code digest} accumulates until complete; kept across failures so it can resume. */
    Path partialPath(String digest) throws ImageException {
        return ingest.resolve(Digests.hex(Digests.requireValid(digest)) + ".partial");
    }

    /** Hashes a finished partial download and moves it into place, or deletes it if it is not what was asked. */
    void commitPartial(String expectedDigest) throws IOException {
        Path partial = partialPath(expectedDigest);
        MessageDigest sha256 = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(partial), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = Digests.format(sha256.digest());
        if (!actual.equals(expectedDigest)) {
            Files.deleteIfExists(partial);
            throw new DigestMismatchException(expectedDigest, actual);
        }
        commit(partial, expectedDigest);
    }

    private void commit(Path verified, String digest) throws IOException {
        try (FileChannel channel = FileChannel.open(verified, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(verified, path(digest), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("ingest and blob directories must be on one filesystem", e);
        }
    }

    public Set<String> digests() throws IOException {
        Set<String> result = new TreeSet<>();
        try (Stream<Path> files = Files.list(blobs)) {
            files.map(p -> "sha256:" + p.getFileName()).filter(Digests::isValid).forEach(result::add);
        }
        return result;
    }

    /** Held while blobs are added that no recorded image references yet, so pruning cannot remove them. */
    public Lock addingLock() {
        return pruneLock.readLock();
    }

    /** Deletes every blob no image in {@code images} references; returns the bytes freed. */
    public long pruneUnreferenced(ImageStore images) throws IOException {
        pruneLock.writeLock().lock();
        try {
            Set<String> keep = images.referencedBlobs();
            long freed = 0;
            for (String digest : digests()) {
                if (!keep.contains(digest)) {
                    Path path = path(digest);
                    long size = Files.size(path);
                    if (Files.deleteIfExists(path)) {
                        freed += size;
                    }
                }
            }
            return freed;
        } finally {
            pruneLock.writeLock().unlock();
        }
    }
}
