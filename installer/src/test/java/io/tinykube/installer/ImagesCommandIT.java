package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tinykube images import} puts a docker save tarball into the data dir's store; {@code list} shows it. */
class ImagesCommandIT {

    @Test
    void importedDockerSaveTarballIsListed(@TempDir Path dir) throws Exception {
        byte[] layer = tar(Map.of("hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8)));
        String config = "{\"architecture\":\"" + goArch() + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/hello\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + sha256(layer) + "\"]}}";
        String configName = sha256(config.getBytes(StandardCharsets.UTF_8)) + ".json";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("abc/layer.tar", layer);
        entries.put(configName, config.getBytes(StandardCharsets.UTF_8));
        entries.put("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"example.com/tools/hello:1.0\"],"
            + "\"Layers\":[\"abc/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        Path tarball = dir.resolve("hello.tar");
        Files.write(tarball, tar(entries));
        String dataDir = "--data-dir=" + dir.resolve("data");

        Distribution.Result imported = Distribution.run("images", "import", dataDir, tarball.toString());
        assertEquals(0, imported.exitCode(), imported.output());
        assertTrue(imported.stdout().contains("example.com/tools/hello:1.0"), imported.stdout());

        Distribution.Result listed = Distribution.run("images", "list", dataDir);
        assertEquals(0, listed.exitCode(), listed.output());
        String[] lines = listed.stdout().split("\n");
        assertEquals(2, lines.length, listed.stdout());
        assertTrue(lines[0].matches("REPOSITORY +TAG +IMAGE ID +SIZE"), lines[0]);
        assertTrue(lines[1].matches("example\\.com/tools/hello +1\\.0 +" + configName.substring(0, 13) + " +\\d+(\\.\\d+)?kB"),
            lines[1]);
    }

    @Test
    void missingFileFailsNamingIt(@TempDir Path dir) throws Exception {
        Distribution.Result result = Distribution.run("images", "import", "--data-dir=" + dir, dir + "/nope.tar");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("nope.tar"), result.stderr());
    }

    private static String goArch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> "arm";
        };
    }

    private static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
