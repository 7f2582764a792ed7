package io.tinykube.store;

import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.log.LogStructuredStore;
import io.tinykube.store.sql.GenericSqlDialect;
import io.tinykube.store.sql.H2Dialect;
import io.tinykube.store.sql.PostgresDialect;
import io.tinykube.store.sql.SqlLog;
import java.nio.file.Path;

/** Opens stores. */
public final class KvStores {
    private KvStores() {
    }

    /** Opens (creating if needed) the store the options' endpoint names. The caller closes it. */
    public static KvStore open(StoreOptions options) {
        SqlLog log = new SqlLog(dialect(options), options.maxConnections());
        try {
            log.init();
            return new LogStructuredStore(options, log);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** The defaults with this endpoint. */
    public static KvStore open(String endpoint) {
        return open(StoreOptions.of(endpoint));
    }

    /** The database an endpoint names: H2 for null, empty or {@code h2:DIR}; PostgreSQL for postgres URLs. */
    public static GenericSqlDialect dialect(StoreOptions options) {
        String endpoint = options.endpoint() == null ? "" : options.endpoint().trim();
        if (endpoint.isEmpty()) {
            return new H2Dialect(Path.of(StoreOptions.DEFAULT_DATA_DIR), options.cacheSizeBytes());
        }
        if (endpoint.startsWith("h2:")) {
            String dir = endpoint.substring(3);
            if (dir.startsWith("file:")) {
                dir = dir.substring(5);
            }
            if (dir.isEmpty()) {
                throw new StoreException("the endpoint " + endpoint + " names no directory (use h2:/path/to/dir)");
            }
            return new H2Dialect(Path.of(dir), options.cacheSizeBytes());
        }
        if (endpoint.startsWith("postgres://") || endpoint.startsWith("postgresql://")
                || endpoint.startsWith("jdbc:postgresql://")) {
            return PostgresDialect.parse(endpoint);
        }
        throw new StoreException("unsupported datastore endpoint " + redact(endpoint)
                + ": use h2:/path/to/dir or postgres://user:pass@host:port/db");
    }

    private static String redact(String endpoint) {
        return endpoint.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
    }
}
