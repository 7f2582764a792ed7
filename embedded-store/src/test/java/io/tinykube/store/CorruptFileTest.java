package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.sql.H2Dialect;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A damaged or foreign database file is refused with an error naming the file. */
class CorruptFileTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Path file() {
        return fixture.dir().resolve(H2Dialect.FILE_BASE + H2Dialect.FILE_SUFFIX);
    }

    @Test
    void garbageIsRefusedNamingTheFile() throws Exception {
        fixture = new StoreFixture(Backend.H2);
        byte[] garbage = new byte[64 * 1024];
        new Random(3).nextBytes(garbage);
        Files.write(file(), garbage);
        StoreException e = assertThrows(StoreException.class, () -> fixture.open());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void aDamagedStoreIsRefusedNamingTheFile() throws Exception {
        fixture = new StoreFixture(Backend.H2);
        KvStore store = fixture.open();
        for (int i = 0; i < 200; i++) {
            store.create("/k" + i, new byte[512], 0);
        }
        store.close();
        byte[] bytes = Files.readAllBytes(file());
        for (int i = 0; i < bytes.length; i += 97) {
            bytes[i] ^= 0x5a; // damage every chunk, headers included
        }
        Files.write(file(), bytes);
        StoreException e = assertThrows(StoreException.class, () -> fixture.open());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void anotherApplicationsH2DatabaseIsRefused() throws Exception {
        fixture = new StoreFixture(Backend.H2);
        String url = "jdbc:h2:file:" + fixture.dir().resolve(H2Dialect.FILE_BASE);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
        }
        StoreException e = assertThrows(StoreException.class, () -> fixture.open());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a tinykube store"), e.getMessage());
    }

    @Test
    void aHealthyStoreOpensAfterARefusal() throws Exception {
        fixture = new StoreFixture(Backend.H2);
        Files.write(file(), new byte[] {1, 2, 3});
        assertThrows(StoreException.class, () -> fixture.open());
        Files.delete(file());
        KvStore store = fixture.open();
        assertEquals(1, store.create("/k", b("v"), 0).modRevision());
    }
}
