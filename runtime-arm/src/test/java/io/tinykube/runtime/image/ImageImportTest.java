package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageImportTest {
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    private static ImageImporter importer(Path root) throws IOException {
        return new ImageImporter(new ImageStore(root, new BlobStore(root)), ARM64);
    }

    /** A docker save tarball: <id>.json config, <layer id>/layer.tar (uncompressed), manifest.json, repositories. */
    private static Path dockerSave(Path dir, TestImages.Built image, List<String> repoTags, boolean gzip)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String layerId = "f".repeat(64);
        entries.put(layerId + "/layer.tar", image.layerTar());
        entries.put(Digests.hex(image.configDigest()) + ".json", image.config());
        ArrayNode manifest = JsonNodeFactory.instance.arrayNode();
        ObjectNode entry = manifest.addObject();
        entry.put("Config", Digests.hex(image.configDigest()) + ".json");
        ArrayNode tags = entry.putArray("RepoTags");
        repoTags.forEach(tags::add);
        entry.putArray("Layers").add(layerId + "/layer.tar");
        entries.put("manifest.json", Json.bytes(manifest));
        entries.put("repositories", ("{\"busybox\":{\"legacy\":\"" + layerId + "\"}}").getBytes(StandardCharsets.UTF_8));
        return tar(dir.resolve(gzip ? "saved.tar.gz" : "saved.tar"), entries, gzip);
    }

    /** An OCI archive whose index.json names a two-platform index by org.opencontainers.image.ref.name. */
    private static Path ociArchive(Path dir, String refName, List<TestImages.Built> images) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        byte[] index = TestImages.index(images);
        ObjectNode top = JsonNodeFactory.instance.objectNode();
        top.put("schemaVersion", 2);
        ObjectNode descriptor = new Descriptor(MediaTypes.OCI_INDEX, Digests.of(index), index.length, null,
                Map.of("org.opencontainers.image.ref.name", refName)).toJson();
        top.putArray("manifests").add(descriptor);
        entries.put("index.json", Json.bytes(top));
        entries.put("blobs/sha256/" + Digests.hex(Digests.of(index)), index);
        for (TestImages.Built image : images) {
            entries.put("blobs/sha256/" + Digests.hex(image.manifestDigest()), image.manifest());
            entries.put("blobs/sha256/" + Digests.hex(image.configDigest()), image.config());
            entries.put("blobs/sha256/" + Digests.hex(image.layerDigest()), image.layer());
        }
        return tar(dir.resolve("oci.tar"), entries, false);
    }

    private static Path tar(Path file, Map<String, byte[]> entries, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GzipCompressorOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var entry : entries.entrySet()) {
                TestImages.file(tar, entry.getKey(), entry.getValue(), 0644);
            }
        }
        return file;
    }

    @Test
    void importsADockerSaveTarball(@TempDir Path root, @TempDir Path dir) throws Exception {
        TestImages.Built image = TestImages.busybox(ARM64, "saved");
        Path tarball = dockerSave(dir, image, List.of("busybox:imported", "registry.local/tools/bb:1"), true);

        List<String> names = importer(root).importTarball(tarball);

        assertEquals(List.of("docker.io/library/busybox:imported", "registry.local/tools/bb:1"), names);
        Image imported = new ImageStore(root, new BlobStore(root)).get(names.get(0)).orElseThrow();
        assertEquals(image.configDigest(), imported.id());
        Descriptor layer = imported.layers().get(0);
        assertEquals(MediaTypes.OCI_LAYER, layer.mediaType());
        assertEquals(Compression.NONE, layer.compression());
        assertEquals(Digests.of(image.layerTar()), layer.digest());
        assertEquals(List.of("/bin/sh"), imported.config().entrypoint());
    }

    @Test
    void legacyRepositoriesFileNamesAnImageWithoutRepoTags(@TempDir Path root, @TempDir Path dir) throws Exception {
        Path tarball = dockerSave(dir, TestImages.busybox(ARM64, "legacy"), List.of(), false);
        assertEquals(List.of("docker.io/library/busybox:legacy"), importer(root).importTarball(tarball));
    }

    @Test
    void importsThisPlatformFromAnOciArchive(@TempDir Path root, @TempDir Path dir) throws Exception {
        TestImages.Built amd64 = TestImages.busybox(Platform.parse("linux/amd64"), "oci-amd64");
        TestImages.Built arm64 = TestImages.busybox(ARM64, "oci-arm64");
        Path tarball = ociArchive(dir, "registry.local/tools/busybox:1.0", List.of(amd64, arm64));

        assertEquals(List.of("registry.local/tools/busybox:1.0"), importer(root).importTarball(tarball));

        BlobStore blobs = new BlobStore(root);
        Image imported = new ImageStore(root, blobs).get("registry.local/tools/busybox:1.0").orElseThrow();
        assertEquals(arm64.manifestDigest(), imported.manifestDigest());
        assertEquals(MediaTypes.OCI_LAYER_GZIP, imported.layers().get(0).mediaType());
        assertTrue(!blobs.contains(amd64.layerDigest()), "the other platform's layer is not stored");
    }

    @Test
    void ociArchiveWithABlobThatIsNotItsDigestIsRefused(@TempDir Path root, @TempDir Path dir) throws Exception {
        TestImages.Built good = TestImages.busybox(ARM64, "good");
        TestImages.Built evil = TestImages.busybox(ARM64, "evil");
        // The layer file named after good's digest holds evil's bytes.
        TestImages.Built forged = new TestImages.Built(good.platform(), good.layerTar(), evil.layer(),
                good.layerDigest(), good.config(), good.configDigest(), good.manifest(), good.manifestDigest());
        Path tarball = ociArchive(dir, "registry.local/forged:1", List.of(forged));

        assertThrows(DigestMismatchException.class, () -> importer(root).importTarball(tarball));
        BlobStore blobs = new BlobStore(root);
        assertTrue(new ImageStore(root, blobs).list().isEmpty());
        assertTrue(!blobs.contains(good.layerDigest()));
    }

    @Test
    void importsEveryTarballOfADirectoryAndReportsTheBadOnes(@TempDir Path root, @TempDir Path dir)
            throws Exception {
        Path images = Files.createDirectories(dir.resolve("agent/images"));
        dockerSave(images, TestImages.busybox(ARM64, "dir-save"), List.of("busybox:dir"), false);
        ociArchive(images, "docker.io/library/busybox:oci", List.of(TestImages.busybox(ARM64, "dir-oci")));
        Files.writeString(images.resolve("junk.tar"), "not a tarball");
        Files.writeString(images.resolve("README.txt"), "ignored");

        ImageImporter.DirectoryImport result = importer(root).importDirectory(images);

        assertEquals(Map.of(images.resolve("oci.tar"), List.of("docker.io/library/busybox:oci"),
                images.resolve("saved.tar"), List.of("docker.io/library/busybox:dir")), result.imported());
        assertEquals(List.of(images.resolve("junk.tar")), List.copyOf(result.failed().keySet()));
    }
}
