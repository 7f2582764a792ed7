package io.tinykube.store.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temporary directory, {@code postgres} on a free
 * loopback port with its unix socket in that directory, stopped and deleted on {@link #close()}.
 *
 * <p>Self-contained (JDK + PostgreSQL JDBC only) so it can be copied, e.g. into the benchmark. PostgreSQL refuses
 * to run as root, so when the JVM is root the server runs as the {@code postgres} user through
 * {@code setpriv} (which execs, so the {@link Process} is the postmaster itself) and the directory is chowned to
 * it. The binaries are taken from {@code $PG_BIN}, else {@code /usr/lib/postgresql/15/bin}.
 */
public final class PostgresTestServer implements AutoCloseable {
    public static final String USER = "postgres";

    private static PostgresTestServer shared;

    private final Path bin;
    private final Path root;
    private final Path data;
    private final Path log;
    private final int port;
    private final Map<String, String> settings;
    private final boolean asPostgres;
    private Process process;

    private PostgresTestServer(Map<String, String> settings) throws IOException {
        this.bin = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("postgres"))) {
            throw new IllegalStateException("no PostgreSQL server binaries in " + bin
                    + " (install postgresql-15, or set PG_BIN)");
        }
        this.root = Files.createTempDirectory("tinykube-pg-");
        this.data = root.resolve("data");
        this.log = root.resolve("postgres.log");
        this.port = freePort();
        this.settings = settings;
        this.asPostgres = "root".equals(System.getProperty("user.name"));
    }

    /**
     * Starts a new server. {@code settings} become {@code -c name=value} options; the defaults add
     * {@code fsync=off} (tests do not crash the machine, only processes) unless given.
     */
    public static PostgresTestServer start(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", "127.0.0.1");
        all.put("fsync", "off");
        all.put("max_connections", "200");
        all.put("shared_buffers", "32MB");
        all.putAll(settings);
        try {
            PostgresTestServer s = new PostgresTestServer(all);
            s.initdb();
            s.launch();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    public static PostgresTestServer start() {
        return start(Map.of());
    }

    /** One server for the whole test JVM, stopped when it exits. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            PostgresTestServer s = start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-test-server-stop"));
            shared = s;
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** A k3s-style endpoint for a database of this server (the store creates the database if needed). */
    public String endpoint(String database) {
        return "postgres://" + USER + ":@127.0.0.1:" + port + "/" + database + "?sslmode=disable";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?sslmode=disable";
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Drops a database, disconnecting whoever still uses it. */
    public void dropDatabase(String database) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database + ": " + e.getMessage(), e);
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(data);
        if (asPostgres) {
            run(List.of("chown", "-R", USER + ":" + USER, root.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--no-locale", "--no-sync"), true);
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", root.toString()));
        settings.forEach((k, v) -> {
            cmd.add("-c");
            cmd.add(k + "=" + v);
        });
        ProcessBuilder pb = new ProcessBuilder(wrap(cmd)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + ": " + tail());
            }
            try (Connection c = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(50); // polling for readiness, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections in 60 s: " + last + "\n" + tail());
    }

    /** Fast shutdown (clients are disconnected, everything committed is kept), waiting for it. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w",
                    "-t", "30"), true);
        } catch (IOException | RuntimeException e) {
            // fall through to the kill below
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the stopped server again on the same port and data. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    private List<String> wrap(List<String> cmd) {
        if (!asPostgres) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER,
                "--init-groups", "--"));
        out.addAll(cmd);
        return out;
    }

    private void run(List<String> cmd, boolean wrap) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(wrap ? wrap(cmd) : cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd.get(0));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed with " + p.exitValue() + ": " + tail());
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
