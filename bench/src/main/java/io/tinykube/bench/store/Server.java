package io.tinykube.bench.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What holds one backend's data during its run, on loopback only and in a directory of its own: nothing
 * for H2 (the child JVM itself), a throwaway PostgreSQL 15 cluster, or a single-member etcd.
 */
abstract class Server implements AutoCloseable {
    static final Path PG_BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));

    protected final Path dir;
    private boolean closed;

    Server(Path dir) {
        this.dir = dir;
    }

    /** The store endpoint, or etcd's client URL. */
    abstract String endpoint();

    /** The pid of the process (tree root) holding the data, or "self" for the child JVM. */
    abstract String holder();

    abstract void stop() throws Exception;

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } catch (Exception e) {
            System.err.println("stopping " + getClass().getSimpleName() + ": " + e);
        }
    }

    static Server start(String backend, Path dir) throws Exception {
        Files.createDirectories(dir);
        switch (backend) {
            case "h2":
                return new H2(dir);
            case "postgres":
                return new Postgres(dir);
            case "etcd":
                return new Etcd(dir);
            default:
                throw new IllegalArgumentException("unknown backend " + backend + " (h2, postgres, etcd)");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a command to completion, its output to {@code log}; fails with the log's tail. */
    static void run(Path log, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", command)
                    + "\n" + tail(log));
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Embedded H2: the data lives in the child JVM. */
    static final class H2 extends Server {
        H2(Path dir) {
            super(dir);
        }

        @Override
        String endpoint() {
            return "h2:" + dir.resolve("data");
        }

        @Override
        String holder() {
            return "self";
        }

        @Override
        void stop() {
        }
    }

    /** initdb into the directory and a postmaster on a free loopback port, as the postgres user. */
    static final class Postgres extends Server {
        private final Path data;
        private final Path log;
        private final int port;
        private final long pid;

        Postgres(Path dir) throws Exception {
            super(dir);
            data = dir.resolve("data");
            log = dir.resolve("postgres.log");
            // We run as root; PostgreSQL refuses to, so the directory goes to the postgres user.
            run(dir.resolve("setup.log"), "chown", "postgres:postgres", dir.toString());
            asPostgres("initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--no-instructions");
            port = freePort();
            asPostgres("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir, "start");
            pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        }

        private void asPostgres(String tool, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                    PG_BIN.resolve(tool).toString()));
            cmd.addAll(List.of(args));
            run(dir.resolve("setup.log"), cmd.toArray(String[]::new));
        }

        @Override
        String endpoint() {
            return "postgres://postgres:bench@127.0.0.1:" + port + "/postgres?sslmode=disable";
        }

        @Override
        String holder() {
            return Long.toString(pid);
        }

        @Override
        void stop() throws Exception {
            asPostgres("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
        }
    }

    /** A single-member etcd on free loopback ports; its pid goes to ../etcd.pid for the run script's trap. */
    static final class Etcd extends Server {
        private final Process process;
        private final String url;
        private final Path pidFile;

        Etcd(Path dir) throws Exception {
            super(dir);
            url = "http://127.0.0.1:" + freePort();
            String peer = "http://127.0.0.1:" + freePort();
            Path log = dir.resolve("etcd.log");
            process = new ProcessBuilder(System.getenv().getOrDefault("ETCD", "etcd"),
                    "--name", "bench", "--data-dir", dir.resolve("data").toString(),
                    "--listen-client-urls", url, "--advertise-client-urls", url,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", "bench=" + peer, "--initial-cluster-state", "new",
                    "--logger", "zap", "--log-outputs", "stderr")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            pidFile = dir.resolveSibling("etcd.pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.body().contains("\"true\"")) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("etcd did not become healthy\n" + tail(log));
                }
                Thread.sleep(100);
            }
        }

        @Override
        String endpoint() {
            return url;
        }

        @Override
        String holder() {
            return Long.toString(process.pid());
        }

        @Override
        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(pidFile);
        }
    }
}
