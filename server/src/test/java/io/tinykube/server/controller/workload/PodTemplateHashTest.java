package io.tinykube.server.controller.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.json.Json;
import org.junit.jupiter.api.Test;

/** The pod-template-hash: upstream's alphabet, stable for a template, different for another template or collision count. */
class PodTemplateHashTest {

    private static JsonNode template(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void stableAcrossKeyOrderAndEmptyValuesDifferentForAnotherTemplate() throws Exception {
        String hash = PodTemplateHash.compute(template("{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"a\"}]}}"), null);
        assertTrue(hash.matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"), hash);
        assertEquals(hash, PodTemplateHash.compute(template(
                "{\"spec\":{\"containers\":[{\"image\":\"a\",\"name\":\"c\",\"resources\":{}}]},\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"web\"}}}"), null));
        assertNotEquals(hash, PodTemplateHash.compute(template("{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"b\"}]}}"), null));
        assertNotEquals(hash, PodTemplateHash.compute(template("{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"a\"}]}}"), 1));
    }
}
