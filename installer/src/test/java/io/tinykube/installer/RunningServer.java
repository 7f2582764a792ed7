package io.tinykube.installer;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A {@code tinykube server} started from the distribution on a free port with a temporary data dir. */
final class RunningServer implements AutoCloseable {
    final Path dataDir;
    final Path kubeconfig;
    final int port;
    private final Process process;
    private final Path log;

    private RunningServer(Path dataDir, int port, Process process, Path log) {
        this.dataDir = dataDir;
        this.kubeconfig = dataDir.resolve("kubeconfig.yaml");
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts a server with the given extra arguments and waits until it answers /readyz. */
    static RunningServer start(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
        return start(dataDir, Map.of(), extraArgs);
    }

    /** Starts a server with extra environment variables (e.g. {@code TINYKUBE_CONTROLLERS_*} to shorten controller timings). */
    static RunningServer start(Path dataDir, Map<String, String> environment, String... extraArgs) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Distribution.LAUNCHER.toString(), "server",
                "--data-dir", dataDir.toString(), "--https-port", Integer.toString(port),
                "--write-kubeconfig", dataDir.resolve("kubeconfig.yaml").toString(), "--disable-agent"));
        command.addAll(List.of(extraArgs));
        return launch(dataDir, port, command, environment);
    }

    /** Starts a server whose port comes from elsewhere (e.g. a config file). */
    static RunningServer launch(Path dataDir, int port, List<String> command) throws IOException, InterruptedException {
        return launch(dataDir, port, command, Map.of());
    }

    private static RunningServer launch(Path dataDir, int port, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        RunningServer server = new RunningServer(dataDir, port, process, log);
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + port + path);
    }

    /** An HTTP client trusting the cluster's server CA and presenting no client certificate. */
    HttpClient anonymousClient() throws IOException {
        try (InputStream in = Files.newInputStream(dataDir.resolve("server/tls/server-ca.crt"))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return anonymousClient().send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.exists(dataDir.resolve("server/tls/server-ca.crt"))) {
                try {
                    if (get("/readyz").statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server not ready within " + timeout + ":\n" + Files.readString(log));
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
