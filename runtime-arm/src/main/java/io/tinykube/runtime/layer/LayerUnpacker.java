package io.tinykube.runtime.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Unpacks one image layer (a tar stream, plain, gzip or zstd) onto a directory, safely: no entry writes outside
 * it. Names are cleaned and refused when they climb out; directories on the way are resolved chroot-style inside
 * the directory ({@link RootedPaths}); the entry's own last component is replaced, never followed; hard links
 * must point inside. Symlinks are created with whatever target they carry, since they are never followed
 * while writing.
 *
 * <p>Ownership is applied when running as root and quietly skipped otherwise; modes keep setuid, setgid and
 * sticky bits; {@code user.*} xattrs are set directly, others (security.capability...) through
 * {@link PrivilegedFiles} on a best-effort basis, and {@code trusted.overlay.*} from a layer is always dropped
 * since overlayfs would obey it. Device nodes and fifos are skipped unless allowed. A tar that ends after a
 * complete entry without the two zero blocks is accepted; a truncated entry is an error.
 */
public final class LayerUnpacker {
    private static final Logger LOG = Logger.getLogger(LayerUnpacker.class.getName());
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final String SCHILY_XATTR = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

    private final PrivilegedFiles privileged;
    private final boolean allowDeviceNodes;
    private final boolean chown;

    /** {@code allowDeviceNodes}: create char/block devices and fifos from the layer instead of skipping them. */
    public LayerUnpacker(PrivilegedFiles privileged, boolean allowDeviceNodes) {
        this(privileged, allowDeviceNodes, runningAsRoot());
    }

    LayerUnpacker(PrivilegedFiles privileged, boolean allowDeviceNodes, boolean chown) {
        this.privileged = privileged;
        this.allowDeviceNodes = allowDeviceNodes;
        this.chown = chown;
    }

    /**
     * Unpacks a layer into a directory of its own at {@code target}: into a temporary sibling first, renamed into
     * place once complete, so {@code target} either holds the whole layer or does not exist. If {@code target}
     * already exists the layer is not read again (empty result).
     */
    public UnpackResult unpackNew(InputStream layer, String mediaType, Path target, WhiteoutStrategy whiteouts)
            throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return new UnpackResult(0, 0, 0, 0);
        }
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(temporary);
        try {
            UnpackResult result = apply(layer, mediaType, temporary, whiteouts);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException unpackedMeanwhile) {
                FileTrees.deleteRecursively(temporary);
            }
            return result;
        } catch (IOException | RuntimeException failure) {
            FileTrees.deleteRecursively(temporary);
            throw failure;
        }
    }

    /** Applies a layer on top of what {@code directory} already holds (the lower layers, for merged whiteouts). */
    public UnpackResult apply(InputStream layer, String mediaType, Path directory, WhiteoutStrategy whiteouts)
            throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new LayerException("layer target " + root + " is not a directory");
        }
        CountingInputStream decompressed = new CountingInputStream(Compression.decompress(layer, mediaType));
        Unpacking unpacking = new Unpacking(new LayerWrite(new RootedPaths(root)), whiteouts);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar)) != null) {
                unpacking.entry(entry, tar);
            }
            // commons-compress takes a short last header record for the end of the archive.
            if (decompressed.count() % TarConstants.DEFAULT_RCDSIZE != 0) {
                throw new LayerException("layer tar is truncated inside an entry header");
            }
            // Read to the end, so a digest computed over the stream by the caller sees every byte.
            decompressed.transferTo(OutputStream.nullOutputStream());
        }
        unpacking.finishDirectories();
        return unpacking.result();
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException unreadable) {
            throw unreadable(unreadable, "after the last complete entry");
        } catch (IllegalArgumentException malformed) {
            throw new LayerException("layer tar has a malformed entry header: " + malformed.getMessage(), malformed);
        }
    }

    /** The layer stream itself failed (cut short, corrupt compression): said so, apart from write failures. */
    private static LayerException unreadable(IOException failure, String where) {
        boolean truncated = failure instanceof EOFException
                || (failure.getMessage() != null && failure.getMessage().toLowerCase().contains("truncated"));
        return new LayerException((truncated ? "layer tar is truncated " : "layer stream is unreadable ") + where
                + (truncated ? "" : ": " + failure.getMessage()), failure);
    }

    /** Copies the entry's data, telling a broken layer stream apart from a file that cannot be written. */
    private static long copyEntry(TarArchiveInputStream tar, OutputStream out, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int read;
            try {
                read = tar.read(buffer);
            } catch (IOException unreadable) {
                throw unreadable(unreadable, "inside entry " + RootedPaths.printable(name));
            }
            if (read < 0) {
                return total;
            }
            out.write(buffer, 0, read);
            total += read;
        }
    }

    /** The state of one layer being unpacked. */
    private final class Unpacking {
        private final LayerWrite write;
        private final RootedPaths paths;
        private final WhiteoutStrategy whiteouts;
        private final List<DeferredDirectory> directories = new ArrayList<>();
        private final Map<Path, Path> copiedLowerTargets = new HashMap<>();
        private long entries;
        private long fileBytes;
        private int skippedNodes;
        private int skippedOther;

        Unpacking(LayerWrite write, WhiteoutStrategy whiteouts) {
            this.write = write;
            this.paths = write.paths();
            this.whiteouts = whiteouts;
        }

        UnpackResult result() {
            return new UnpackResult(entries, fileBytes, skippedNodes, skippedOther);
        }

        void entry(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException {
            entries++;
            String name = entry.getName();
            List<String> parts = RootedPaths.clean(name);
            if (parts.isEmpty()) {
                if (!entry.isDirectory()) {
                    throw new LayerException("entry " + RootedPaths.printable(name) + " names the layer root but is not a directory");
                }
                ownerAndXattrs(paths.root(), entry);
                directories.add(new DeferredDirectory(paths.root(), entry));
                return;
            }
            String base = parts.get(parts.size() - 1);
            List<String> dirParts = parts.subList(0, parts.size() - 1);
            if (base.startsWith(WHITEOUT_PREFIX)) {
                whiteoutEntry(name, dirParts, base);
                return;
            }
            Path target = paths.directory(dirParts, true).orElseThrow().resolve(base);
            try {
                write(entry, tar, name, target, dirParts);
            } catch (FileSystemException refused) {
                throw new LayerException("cannot unpack entry " + RootedPaths.printable(name) + ": " + refused.getMessage(), refused);
            }
        }

        private void whiteoutEntry(String name, List<String> dirParts, String base) throws IOException {
            if (base.equals(OPAQUE_MARKER)) {
                whiteouts.opaque(write, dirParts);
                return;
            }
            if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
                skippedOther++; // AUFS bookkeeping (.wh..wh.plnk and the like), meaningless here
                return;
            }
            String victim = base.substring(WHITEOUT_PREFIX.length());
            if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
                throw new LayerException("whiteout " + RootedPaths.printable(name) + " does not name an entry of its directory");
            }
            whiteouts.whiteout(write, dirParts, victim);
        }

        private void write(TarArchiveEntry entry, TarArchiveInputStream tar, String name, Path target, List<String> dirParts)
                throws IOException {
            BasicFileAttributes existing = RootedPaths.attributesOrNull(target);
            if (entry.isDirectory()) {
                boolean replacesWhiteout = write.isWhiteoutOfThisLayer(target);
                if (existing == null || !existing.isDirectory()) {
                    removeExisting(target, existing);
                    Files.createDirectory(target);
                }
                write.recordWritten(target);
                if (replacesWhiteout) {
                    // ".wh.x" then "x/" in one layer: the new directory must not show the lower x's content.
                    List<String> self = new ArrayList<>(dirParts);
                    self.add(target.getFileName().toString());
                    whiteouts.opaque(write, self);
                }
                ownerAndXattrs(target, entry);
                directories.add(new DeferredDirectory(target, entry));
            } else if (entry.isSymbolicLink()) {
                String linkTarget = entry.getLinkName();
                if (linkTarget == null || linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0) {
                    throw new LayerException("symlink " + RootedPaths.printable(name) + " has no valid target");
                }
                removeExisting(target, existing);
                Files.createSymbolicLink(target, Path.of(linkTarget));
                write.recordWritten(target);
                owner(target, entry);
                times(target, entry);
            } else if (entry.isLink()) {
                hardLink(entry, name, target, existing);
            } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                node(entry, target, existing);
            } else if (isRegularFile(entry)) {
                removeExisting(target, existing);
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    fileBytes += copyEntry(tar, out, name);
                }
                write.recordWritten(target);
                ownerAndXattrs(target, entry);
                mode(target, entry);
                times(target, entry);
            } else {
                LOG.fine(() -> "skipping tar entry " + name + " of unsupported type " + (char) entry.getLinkFlag());
                skippedOther++;
            }
        }

        private void hardLink(TarArchiveEntry entry, String name, Path target, BasicFileAttributes existing)
                throws IOException {
            List<String> linkParts = RootedPaths.clean(entry.getLinkName());
            if (linkParts.isEmpty()) {
                throw new LayerException("hard link " + RootedPaths.printable(name) + " points at the layer root");
            }
            Path source = paths.directory(linkParts.subList(0, linkParts.size() - 1), false)
                    .map(dir -> dir.resolve(linkParts.get(linkParts.size() - 1)))
                    .orElse(null);
            BasicFileAttributes sourceAttributes = source == null ? null : RootedPaths.attributesOrNull(source);
            if (sourceAttributes == null) {
                Path lower = whiteouts.lowerHardLinkTarget(linkParts).orElseThrow(() -> new LayerException(
                        "hard link " + RootedPaths.printable(name) + " points at " + RootedPaths.printable(entry.getLinkName())
                                + ", which is not in the layer"));
                copyLowerTarget(lower, target, existing);
                return;
            }
            if (sourceAttributes.isDirectory()) {
                throw new LayerException("hard link " + RootedPaths.printable(name) + " points at a directory");
            }
            if (source.equals(target)) {
                return;
            }
            removeExisting(target, existing);
            Files.createLink(target, source);
            write.recordWritten(target);
        }

        /** A hard link to a file of an earlier layer, in a layer directory of its own: a copy, linked on reuse. */
        private void copyLowerTarget(Path lower, Path target, BasicFileAttributes existing) throws IOException {
            removeExisting(target, existing);
            Path firstCopy = copiedLowerTargets.get(lower);
            if (firstCopy != null && RootedPaths.attributesOrNull(firstCopy) != null) {
                Files.createLink(target, firstCopy);
            } else {
                Files.copy(lower, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                if (chown) {
                    Files.setAttribute(target, "unix:uid", Files.getAttribute(lower, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                            LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(target, "unix:gid", Files.getAttribute(lower, "unix:gid", LinkOption.NOFOLLOW_LINKS),
                            LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(target, "unix:mode", Files.getAttribute(lower, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                }
                copiedLowerTargets.put(lower, target);
            }
            write.recordWritten(target);
        }

        private void node(TarArchiveEntry entry, Path target, BasicFileAttributes existing) throws IOException {
            if (!allowDeviceNodes) {
                skippedNodes++;
                return;
            }
            PrivilegedFiles.NodeType type = entry.isFIFO() ? PrivilegedFiles.NodeType.FIFO
                    : entry.isBlockDevice() ? PrivilegedFiles.NodeType.BLOCK_DEVICE : PrivilegedFiles.NodeType.CHARACTER_DEVICE;
            removeExisting(target, existing);
            privileged.makeNode(target, type, entry.getDevMajor(), entry.getDevMinor(), entry.getMode() & 07777);
            write.recordWritten(target);
            owner(target, entry);
            // chown clears setuid/setgid, so the mode goes on again; plain chmod, which opens nothing.
            mode(target, entry);
        }

        private void removeExisting(Path target, BasicFileAttributes existing) throws IOException {
            if (existing != null) {
                FileTrees.deleteRecursively(target);
            }
        }

        private void ownerAndXattrs(Path target, TarArchiveEntry entry) throws IOException {
            owner(target, entry);
            xattrs(target, entry);
        }

        private void owner(Path target, TarArchiveEntry entry) throws IOException {
            if (!chown) {
                return;
            }
            Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        }

        /** Full mode with setuid, setgid and sticky; after chown, which clears them. Never used on a symlink. */
        private void mode(Path target, TarArchiveEntry entry) throws IOException {
            Files.setAttribute(target, "unix:mode", entry.getMode() & 07777);
        }

        private void times(Path target, TarArchiveEntry entry) {
            FileTime modified = entry.getLastModifiedTime();
            FileTime accessed = entry.getLastAccessTime() != null ? entry.getLastAccessTime() : modified;
            try {
                Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(modified, accessed, null);
            } catch (IOException | UnsupportedOperationException refused) {
                LOG.log(Level.FINE, "cannot set times of " + target, refused);
            }
        }

        private void xattrs(Path target, TarArchiveEntry entry) {
            for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
                String key = header.getKey();
                if (key.startsWith(SCHILY_XATTR)) {
                    String value = header.getValue();
                    if (value.indexOf('\uFFFD') >= 0) {
                        // commons-compress decodes PAX values as UTF-8; a binary value did not survive that.
                        LOG.fine(() -> "skipping binary xattr " + key + " of " + target);
                        skippedOther++;
                        continue;
                    }
                    xattr(target, key.substring(SCHILY_XATTR.length()), value.getBytes(StandardCharsets.UTF_8));
                } else if (key.startsWith(LIBARCHIVE_XATTR)) {
                    String xattrName = URLDecoder.decode(key.substring(LIBARCHIVE_XATTR.length()), StandardCharsets.UTF_8);
                    try {
                        xattr(target, xattrName, Base64.getDecoder().decode(header.getValue()));
                    } catch (IllegalArgumentException notBase64) {
                        skippedOther++;
                    }
                }
            }
        }

        private void xattr(Path target, String name, byte[] value) {
            if (name.startsWith("trusted.overlay.")) {
                skippedOther++; // overlayfs would act on it: redirects and opaque markers come from us only
                return;
            }
            try {
                if (name.startsWith("user.")) {
                    Files.getFileAttributeView(target, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .write(name.substring("user.".length()), ByteBuffer.wrap(value));
                } else {
                    privileged.setXattr(target, name, value);
                }
            } catch (IOException | UnsupportedOperationException refused) {
                LOG.fine(() -> "filesystem refused xattr " + name + " on " + target + ": " + refused.getMessage());
                skippedOther++;
            }
        }

        /**
         * Directory modes and times last: a read-only directory must still take its children, and writing a child
         * changes the parent's mtime. A directory since replaced, or now reached through a symlink, is left alone.
         */
        void finishDirectories() throws IOException {
            for (int i = directories.size() - 1; i >= 0; i--) {
                DeferredDirectory directory = directories.get(i);
                BasicFileAttributes attributes = RootedPaths.attributesOrNull(directory.path());
                if (attributes == null || !attributes.isDirectory() || !paths.isDirect(directory.path())) {
                    continue;
                }
                mode(directory.path(), directory.entry());
                times(directory.path(), directory.entry());
            }
        }
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG
                || flag == TarConstants.LF_GNUTYPE_SPARSE;
    }

    private record DeferredDirectory(Path path, TarArchiveEntry entry) {
    }

    private static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException unknown) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
