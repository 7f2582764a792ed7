package io.tinykube.runtime.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain, gzip and zstd layers, by media type and by their magic bytes. */
class LayerCompressionTest {
    @TempDir
    Path temp;

    private String unpack(byte[] layer, String mediaType) throws IOException {
        Path target = Files.createTempDirectory(temp, "layer");
        LayerDirs.unpacker().apply(new ByteArrayInputStream(layer), mediaType, target, WhiteoutStrategy.merged());
        return Files.readString(target.resolve("hello"));
    }

    @Test
    void eachCompressionByItsMediaType() throws IOException {
        TestTar layer = TestTar.layer().file("hello", "world");
        assertEquals("world", unpack(layer.tar(), "application/vnd.oci.image.layer.v1.tar"));
        assertEquals("world", unpack(layer.gzip(), "application/vnd.oci.image.layer.v1.tar+gzip"));
        assertEquals("world", unpack(layer.gzip(), "application/vnd.docker.image.rootfs.diff.tar.gzip"));
        assertEquals("world", unpack(layer.zstd(), "application/vnd.oci.image.layer.v1.tar+zstd"));
        assertEquals("world", unpack(layer.gzip(), "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"));
    }

    @Test
    void magicBytesWinOverAMislabelledMediaType() throws IOException {
        TestTar layer = TestTar.layer().file("hello", "world");
        assertEquals("world", unpack(layer.zstd(), "application/vnd.oci.image.layer.v1.tar+gzip"));
        assertEquals("world", unpack(layer.gzip(), "application/vnd.oci.image.layer.v1.tar"));
        assertEquals("world", unpack(layer.tar(), "application/vnd.oci.image.layer.v1.tar+zstd"));
    }

    @Test
    void nonLayerMediaTypeIsRefused() {
        LayerException error = assertThrows(LayerException.class,
                () -> unpack(TestTar.layer().tar(), "application/vnd.oci.image.config.v1+json"));
        assertEquals("unsupported layer media type application/vnd.oci.image.config.v1+json", error.getMessage());
    }
}
