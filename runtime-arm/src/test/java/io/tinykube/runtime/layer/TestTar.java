package io.tinykube.runtime.layer;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tarballs, hostile ones included, in test code: names are written exactly as given. */
public final class TestTar {
    private final List<TarArchiveEntry> entries = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    public static TestTar layer() {
        return new TestTar();
    }

    public TestTar dir(String name) {
        return dir(name, 0755);
    }

    public TestTar dir(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        entry.setMode(mode);
        return add(entry, new byte[0]);
    }

    public TestTar file(String name, String content) {
        return file(name, content, 0644, 0, 0);
    }

    public TestTar file(String name, String content, int mode, int uid, int gid) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(bytes.length);
        entry.setMode(mode);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setModTime(1_600_000_000_000L);
        return add(entry, bytes);
    }

    public TestTar fileWithXattrs(String name, String content, Map<String, String> xattrs) {
        file(name, content);
        TarArchiveEntry entry = entries.get(entries.size() - 1);
        xattrs.forEach((key, value) -> entry.addPaxHeader("SCHILY.xattr." + key, value));
        return this;
    }

    public TestTar symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        entry.setMode(0777);
        return add(entry, new byte[0]);
    }

    public TestTar hardLink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    public TestTar charDevice(String name, int major, int minor) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        entry.setMode(0620);
        return add(entry, new byte[0]);
    }

    public TestTar fifo(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
        entry.setMode(0600);
        return add(entry, new byte[0]);
    }

    public TestTar whiteout(String path) {
        int slash = path.lastIndexOf('/');
        return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), "");
    }

    public TestTar opaque(String dir) {
        return file(dir + "/.wh..wh..opq", "");
    }

    private TestTar add(TarArchiveEntry entry, byte[] content) {
        entries.add(entry);
        contents.add(content);
        return this;
    }

    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes);
        return bytes.toByteArray();
    }

    /** The tar without its two zero end blocks, as some tools cut it. Entries must not end in zero bytes. */
    public byte[] tarWithoutEndBlocks() {
        byte[] full = tar();
        int last = full.length - 1;
        while (last >= 0 && full[last] == 0) {
            last--;
        }
        int end = ((last / 512) + 1) * 512;
        return Arrays.copyOf(full, end);
    }

    public byte[] gzip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(tar());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    public byte[] zstd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(bytes)) {
            zstd.write(tar());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private void write(OutputStream out) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (int i = 0; i < entries.size(); i++) {
                tar.putArchiveEntry(entries.get(i));
                tar.write(contents.get(i));
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
