package io.tinykube.store.sql;

import io.tinykube.store.api.StoreException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * PostgreSQL, shared by several servers. Writers of all servers take one transaction-scoped advisory lock, so
 * revisions (max(id)+1) are handed out and committed in order across the cluster; PostgreSQL's own commit
 * (synchronous_commit) makes each batch durable. The table's name column uses the "C" collation so key order
 * is byte order, as in etcd.
 */
public final class PostgresDialect extends GenericSqlDialect {
    /** The advisory lock key of the write lock ("tinykube" in ASCII). */
    static final long WRITE_LOCK = 0x74696e796b756265L;

    private final String host;
    private final int port;
    private final String database;
    private final String query;
    private final Properties properties;

    private PostgresDialect(String host, int port, String database, String query, Properties properties) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.query = query;
        this.properties = properties;
    }

    /**
     * Parses {@code postgres://user:pass@host:port/db?sslmode=disable} (also {@code postgresql://}) or
     * {@code jdbc:postgresql://host:port/db?user=...}. The database defaults to {@code kubernetes}, like k3s.
     */
    public static PostgresDialect parse(String endpoint) {
        String s = endpoint.trim();
        boolean jdbc = s.startsWith("jdbc:");
        if (jdbc) {
            s = s.substring(5);
        }
        URI uri;
        try {
            uri = URI.create(s.replaceFirst("^postgresql://", "postgres://"));
        } catch (IllegalArgumentException e) {
            throw new StoreException("the datastore endpoint is not a valid URL: " + e.getMessage());
        }
        if (!"postgres".equals(uri.getScheme()) || uri.getRawAuthority() == null) {
            throw new StoreException("the datastore endpoint must look like postgres://user:pass@host:port/db");
        }
        Properties props = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.length() <= 1 ? "kubernetes" : decode(path.substring(1));
        String query = uri.getRawQuery();
        // Defaults a user's URL may override: fail fast on a dead server instead of hanging.
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "120");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "tinykube");
        return new PostgresDialect(host, port, database, query, props);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private String url(String db) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + db + (query == null ? "" : "?" + query);
    }

    public String database() {
        return database;
    }

    @Override
    public List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + "id BIGINT NOT NULL PRIMARY KEY, "
                        + "name VARCHAR(2048) COLLATE \"C\" NOT NULL, "
                        + "created SMALLINT NOT NULL, "
                        + "deleted SMALLINT NOT NULL, "
                        + "create_revision BIGINT NOT NULL, "
                        + "prev_revision BIGINT NOT NULL, "
                        + "lease BIGINT NOT NULL, "
                        + "expires_at BIGINT NOT NULL, "
                        + "val BYTEA NOT NULL)",
                "CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_name_prev ON " + TABLE + " (name, prev_revision)",
                "CREATE TABLE IF NOT EXISTS " + META + " (name VARCHAR(64) NOT NULL PRIMARY KEY, val BIGINT NOT NULL)");
    }

    @Override
    protected String define(Query s) {
        if (s == Query.INSERT) {
            // A lost compare-and-swap must not abort the whole batch's transaction.
            return super.define(s) + " ON CONFLICT DO NOTHING";
        }
        return super.define(s);
    }

    /** Creates the database when it does not exist yet, as k3s/kine do. */
    @Override
    public void prepare() {
        try (Connection c = DriverManager.getConnection(url(database), properties)) {
            return;
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                throw translate("connect", e);
            }
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), properties);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw translate("create the database " + database, e);
            }
        }
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(database), properties);
    }

    @Override
    public String describe() {
        return "PostgreSQL at " + host + ":" + port + "/" + database;
    }

    @Override
    public void beginWrite(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, WRITE_LOCK);
            ps.execute();
        }
    }
}
