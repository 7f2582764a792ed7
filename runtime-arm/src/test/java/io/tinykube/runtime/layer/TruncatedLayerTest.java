package io.tinykube.runtime.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tar missing its end blocks is accepted when its entries are complete; a cut entry is an error. */
class TruncatedLayerTest {
    @TempDir
    Path temp;

    private final TestTar layer = TestTar.layer().file("first", "one").file("second", "x".repeat(2000));

    @Test
    void missingEndBlocksAreTolerated() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        byte[] cut = layer.tarWithoutEndBlocks();
        assertTrue(cut.length < layer.tar().length);
        dirs.apply(cut);
        assertEquals("x".repeat(2000), Files.readString(dirs.target.resolve("second")));
    }

    @Test
    void entryCutShortIsAnError() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        byte[] full = layer.tarWithoutEndBlocks();
        LayerException inData = assertThrows(LayerException.class, () -> dirs.apply(Arrays.copyOf(full, full.length - 1000)));
        assertEquals("layer tar is truncated inside entry 'second'", inData.getMessage());
        LayerException inHeader = assertThrows(LayerException.class, () -> dirs.apply(Arrays.copyOf(full, 1024 + 100)));
        assertTrue(inHeader.getMessage().startsWith("layer tar is truncated"), inHeader.getMessage());
    }
}
