package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Images built in test code from Debian's busybox-static: one layer with bin/busybox and a few applet links. */
public final class TestImages {
    record Built(Platform platform, byte[] layerTar, byte[] layer, String layerDigest, byte[] config,
            String configDigest, byte[] manifest, String manifestDigest) {
        Descriptor manifestDescriptor() {
            return new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length, platform,
                    java.util.Map.of());
        }
    }

    private TestImages() {
    }

    /** A busybox image for {@code platform}; {@code marker} goes into etc/marker, so different markers differ. */
    static Built busybox(Platform platform, String marker) throws IOException {
        byte[] tar = rootfsTar(marker);
        byte[] layer = gzip(tar);
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        if (!platform.variant().isEmpty()) {
            config.put("variant", platform.variant());
        }
        ObjectNode c = config.putObject("config");
        c.putArray("Env").add("PATH=/bin").add("MARKER=" + marker);
        c.putArray("Entrypoint").add("/bin/sh");
        c.putArray("Cmd").add("-c").add("echo hello");
        c.put("WorkingDir", "/tmp");
        c.put("User", "1000:1000");
        c.putObject("ExposedPorts").putObject("8080/tcp");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(Digests.of(tar));
        byte[] configBytes = Json.bytes(config);
        ImageManifest manifest = new ImageManifest(MediaTypes.OCI_MANIFEST,
                new Descriptor(MediaTypes.OCI_CONFIG, Digests.of(configBytes), configBytes.length),
                List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digests.of(layer), layer.length)));
        byte[] manifestBytes = manifest.toJson();
        return new Built(platform, tar, layer, Digests.of(layer), configBytes, Digests.of(configBytes),
                manifestBytes, Digests.of(manifestBytes));
    }

    static byte[] index(List<Built> images) {
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Built image : images) {
            ObjectNode m = image.manifestDescriptor().toJson();
            ObjectNode p = m.putObject("platform");
            p.put("os", image.platform().os());
            p.put("architecture", image.platform().architecture());
            if (!image.platform().variant().isEmpty()) {
                p.put("variant", image.platform().variant());
            }
            manifests.add(m);
        }
        return Json.bytes(index);
    }

    static byte[] rootfsTar(String marker) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            directory(tar, "bin/");
            directory(tar, "etc/");
            file(tar, "bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755);
            for (String applet : List.of("sh", "ls", "echo", "cat")) {
                symlink(tar, "bin/" + applet, "busybox");
            }
            file(tar, "etc/marker", marker.getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    public static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(040755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    public static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(target);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
    }

    public static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100000 | mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }
}
