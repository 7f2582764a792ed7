package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** readOnlyRootFilesystem refuses writes to the root but not to volumes; bind and tmpfs volumes. */
class ReadOnlyRootFilesystemTest {
    private ContainerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void writesToTheRootAreRefusedButVolumesStayWritable() throws Exception {
        var volume = Files.createDirectories(fixture.dir.resolve("volume"));
        var config = Files.createDirectories(fixture.dir.resolve("config"));
        Files.writeString(config.resolve("app.conf"), "answer=42\n");
        String out = fixture.output(fixture.spec("readonly",
                "touch /etc/x 2>/dev/null && echo root-writable || echo root-refused;"
                    + " echo data > /data/file && echo volume-written;"
                    + " cat /config/app.conf; touch /config/y 2>/dev/null && echo config-writable || echo config-refused;"
                    + " touch /scratch/z && echo tmpfs-written")
            .readOnlyRootFilesystem(true)
            .mount(ContainerMount.bind(volume, "/data", false))
            .mount(ContainerMount.bind(config, "/config", true))
            .mount(ContainerMount.tmpfs("/scratch", OptionalLong.of(1 << 20)))
            .build());
        assertEquals(List.of("root-refused", "volume-written", "answer=42", "config-refused", "tmpfs-written"),
            out.lines().toList());
        assertEquals("data\n", Files.readString(volume.resolve("file")));
    }

    @Test
    void aWritableRootKeepsWrites() throws Exception {
        fixture.output(fixture.spec("writable", "echo hello > /etc/greeting").build());
        assertEquals("hello\n", Files.readString(fixture.rootfs.resolve("etc/greeting")));
    }
}
