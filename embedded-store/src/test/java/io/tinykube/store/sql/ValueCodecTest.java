package io.tinykube.store.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stored values: compressed when that pays, always read back exactly. */
class ValueCodecTest {
    @Test
    void roundTripsAnyValue() {
        Random random = new Random(5);
        for (int size : new int[] {0, 1, 127, 128, 1000, 4096, 100_000}) {
            byte[] noise = new byte[size];
            random.nextBytes(noise);
            assertArrayEquals(noise, ValueCodec.decode(ValueCodec.encode(noise)), "noise " + size);
            byte[] text = "{\"a\":\"b\"}".repeat(size / 9 + 1).substring(0, size).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(text, ValueCodec.decode(ValueCodec.encode(text)), "text " + size);
        }
    }

    @Test
    void compressesJsonAndLeavesNoiseAlone() {
        byte[] json = ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-0\",\"namespace\":\"default\","
                + "\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\"}]}}")
                .repeat(4).getBytes(StandardCharsets.UTF_8);
        assertTrue(ValueCodec.storedSize(json) < json.length / 3, "stored " + ValueCodec.storedSize(json));
        byte[] noise = new byte[1024];
        new Random(9).nextBytes(noise);
        assertEquals(noise.length + 1, ValueCodec.storedSize(noise));
    }
}
