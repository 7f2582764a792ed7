package io.tinykube.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.StoreException;
import io.tinykube.store.sql.H2Dialect;
import io.tinykube.store.sql.PostgresDialect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which database an endpoint names. */
class EndpointTest {
    @Test
    void h2Endpoints() {
        H2Dialect d = assertInstanceOf(H2Dialect.class, KvStores.dialect(StoreOptions.of("h2:/var/lib/x/db")));
        assertEquals(Path.of("/var/lib/x/db/tinykube.mv.db"), d.file());
        H2Dialect dflt = assertInstanceOf(H2Dialect.class, KvStores.dialect(StoreOptions.of(null)));
        assertEquals(Path.of(StoreOptions.DEFAULT_DATA_DIR, "tinykube.mv.db"), dflt.file());
        assertInstanceOf(H2Dialect.class, KvStores.dialect(StoreOptions.of("")));
        assertThrows(StoreException.class, () -> KvStores.dialect(StoreOptions.of("h2:")));
    }

    @Test
    void postgresEndpoints() {
        PostgresDialect k3s = assertInstanceOf(PostgresDialect.class,
                KvStores.dialect(StoreOptions.of("postgres://u:p%40ss@db.local:5433/k8s?sslmode=disable")));
        assertEquals("k8s", k3s.database());
        assertEquals("PostgreSQL at db.local:5433/k8s", k3s.describe());
        PostgresDialect noDb = assertInstanceOf(PostgresDialect.class,
                KvStores.dialect(StoreOptions.of("postgres://u:p@db.local")));
        assertEquals("kubernetes", noDb.database());
        assertEquals("PostgreSQL at db.local:5432/kubernetes", noDb.describe());
        PostgresDialect jdbc = assertInstanceOf(PostgresDialect.class,
                KvStores.dialect(StoreOptions.of("jdbc:postgresql://10.0.0.5:5432/cluster?user=u&password=p")));
        assertEquals("cluster", jdbc.database());
        assertInstanceOf(PostgresDialect.class, KvStores.dialect(StoreOptions.of("postgresql://u@h/db")));
    }

    @Test
    void unknownEndpointsAreRefusedWithoutShowingPasswords() {
        StoreException e = assertThrows(StoreException.class,
                () -> KvStores.dialect(StoreOptions.of("mysql://root:secret@h:3306/k")));
        assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.builder().maxKeySize(4096).build());
        assertEquals(2048, StoreOptions.DEFAULTS.maxKeySize());
        assertEquals(4 << 20, StoreOptions.DEFAULTS.maxValueSize());
        assertEquals(200, StoreOptions.DEFAULTS.pollInterval().toMillis());
    }
}
