package io.tinykube.server.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import org.junit.jupiter.api.Test;

/** A DaemonSet's ControllerRevisions: kubectl's undo patch as data, named by a hash of it. */
class DaemonRevisionsTest {
    private static ObjectNode daemonSet(String template) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"metadata\":{\"name\":\"agent\",\"namespace\":\"ns\",\"uid\":\"u1\"},"
                + "\"spec\":{\"template\":" + template + "}}");
    }

    @Test
    void theDataReplacesTheTemplate() throws Exception {
        ObjectNode revision = DaemonRevisions.build(daemonSet("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]},"
                + "\"metadata\":{\"labels\":{\"app\":\"a\"}}}"), 4, 0);
        assertEquals("{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"labels\":{\"app\":\"a\"}},"
                + "\"spec\":{\"containers\":[{\"image\":\"i\",\"name\":\"c\"}]}}}}", revision.get("data").toString());
        assertEquals(4, revision.get("revision").asLong());
        String hash = DaemonRevisions.hash(revision);
        assertEquals("agent-" + hash, revision.path("metadata").path("name").asText());
        assertEquals("a", revision.path("metadata").path("labels").path("app").asText());
    }

    @Test
    void aTemplateWrittenBackByKubectlMatchesItsRevision() throws Exception {
        ObjectNode revision = DaemonRevisions.build(daemonSet("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}"), 1, 0);
        assertTrue(DaemonRevisions.matches(daemonSet("{\"metadata\":{\"creationTimestamp\":null},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"resources\":{}}]}}"), revision));
        assertFalse(DaemonRevisions.matches(daemonSet("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"j\"}]}}"), revision));
    }

    @Test
    void theCollisionCountChangesTheHash() throws Exception {
        ObjectNode set = daemonSet("{\"spec\":{}}");
        assertNotEquals(DaemonRevisions.hash(DaemonRevisions.build(set, 1, 0)), DaemonRevisions.hash(DaemonRevisions.build(set, 1, 1)));
    }
}
