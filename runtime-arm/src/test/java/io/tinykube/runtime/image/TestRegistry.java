package io.tinykube.runtime.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry on a free loopback port, storing under a temporary directory, plus the push side of the
 * distribution API (blob upload POST + PUT, manifest PUT) to seed it.
 */
public final class TestRegistry implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path storage;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public TestRegistry(Path dir) throws Exception {
        String registry = "/usr/bin/docker-registry";
        if (!Files.isExecutable(Path.of(registry))) {
            throw new IllegalStateException(registry + " is missing: apt-get install docker-registry");
        }
        port = freePort();
        storage = Files.createDirectories(dir.resolve("storage"));
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: error",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + storage,
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        process = new ProcessBuilder(registry, "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("docker-registry did not start: "
                            + Files.readString(dir.resolve("registry.log")), e);
                }
                Thread.sleep(50);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Where the registry keeps a blob's bytes (to tamper with them). */
    Path blobData(String digest) {
        String hex = Digests.hex(digest);
        return storage.resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
    }

    void push(String repository, String tag, TestImages.Built image) throws Exception {
        pushBlob(repository, image.layerDigest(), image.layer());
        pushBlob(repository, image.configDigest(), image.config());
        pushManifest(repository, tag, MediaTypes.OCI_MANIFEST, image.manifest());
    }

    /** Pushes an OCI image of gzipped {@code layers} (base first) and {@code config}; returns the manifest digest. */
    public String pushImage(String repository, String tag, List<byte[]> layers, byte[] config) throws Exception {
        List<Descriptor> layerDescriptors = new java.util.ArrayList<>();
        for (byte[] layer : layers) {
            pushBlob(repository, Digests.of(layer), layer);
            layerDescriptors.add(new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digests.of(layer), layer.length));
        }
        pushBlob(repository, Digests.of(config), config);
        byte[] manifest = new ImageManifest(MediaTypes.OCI_MANIFEST,
                new Descriptor(MediaTypes.OCI_CONFIG, Digests.of(config), config.length), layerDescriptors).toJson();
        pushManifest(repository, tag, MediaTypes.OCI_MANIFEST, manifest);
        return Digests.of(manifest);
    }

    /** Pushes each image by digest, then an OCI index over them under {@code tag}; returns the index digest. */
    String pushIndex(String repository, String tag, List<TestImages.Built> images) throws Exception {
        for (TestImages.Built image : images) {
            push(repository, image.manifestDigest(), image);
        }
        byte[] index = TestImages.index(images);
        pushManifest(repository, tag, MediaTypes.OCI_INDEX, index);
        return Digests.of(index);
    }

    void pushBlob(String repository, String digest, byte[] content) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(
                URI.create(url() + "/v2/" + repository + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers
                .noBody()).build(), HttpResponse.BodyHandlers.ofString());
        check(started, 202);
        URI location = URI.create(url()).resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> finished = http.send(HttpRequest.newBuilder(URI.create(location + separator
                + "digest=" + digest)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        check(finished, 201);
    }

    void pushManifest(String repository, String reference, String mediaType, byte[] content) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/v2/" + repository
                + "/manifests/" + reference)).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        check(response, 201);
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
