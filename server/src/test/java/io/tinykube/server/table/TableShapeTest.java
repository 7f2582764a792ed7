package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.CONVERTOR;
import static io.tinykube.server.table.Fixtures.NOW;
import static io.tinykube.server.table.Fixtures.json;
import static io.tinykube.server.table.Fixtures.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Table envelope: kind, list metadata, column definitions, rows with typed cells, and watch tables without headers. */
class TableShapeTest {
    private static final String CONFIG_MAP = """
            {"kind":"ConfigMap","apiVersion":"v1",
             "metadata":{"name":"settings","namespace":"default","resourceVersion":"42","creationTimestamp":"2025-05-01T11:55:00Z"},
             "data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""";

    @Test
    void listTableHasTheEnvelopeKubectlReads() {
        ObjectNode table = CONVERTOR.toTable(type("", "ConfigMap"), List.of(json(CONFIG_MAP)), IncludeObject.Metadata,
                "100", "next-page", true, NOW);
        assertEquals("Table", table.path("kind").asText());
        assertEquals("meta.k8s.io/v1", table.path("apiVersion").asText());
        assertEquals(json("""
                {"resourceVersion":"100","continue":"next-page"}"""), table.path("metadata"));
        assertEquals(json("""
                {"name":"Name","type":"string","format":"name","description":"%s","priority":0}"""
                .formatted(Column.NAME_DESCRIPTION)), table.path("columnDefinitions").path(0));
        JsonNode data = table.path("columnDefinitions").path(1);
        assertEquals("Data", data.path("name").asText());
        assertEquals("", data.path("format").asText(), "format is always present, empty when not name");
        assertTrue(data.has("description") && data.has("priority"));
        assertEquals(1, table.path("rows").size());
    }

    @Test
    void cellsAreTypedStringsAndNumbers() {
        JsonNode cells = CONVERTOR.toTable(type("", "ConfigMap"), List.of(json(CONFIG_MAP)), IncludeObject.None, "1",
                null, true, NOW).path("rows").path(0).path("cells");
        assertEquals(3, cells.size());
        assertTrue(cells.path(0).isTextual());
        assertTrue(cells.path(1).isIntegralNumber(), "Data is a JSON number");
        assertEquals(3, cells.path(1).asLong(), "data plus binaryData");
        assertEquals("5m", cells.path(2).asText());
    }

    @Test
    void emptyListHasColumnsAndNoRows() {
        ObjectNode table = CONVERTOR.toTable(type("", "Pod"), List.of(), IncludeObject.Metadata, "7", null, true, NOW);
        assertEquals(9, table.path("columnDefinitions").size());
        assertTrue(table.path("rows").isArray());
        assertEquals(0, table.path("rows").size());
        assertEquals(json("""
                {"resourceVersion":"7"}"""), table.path("metadata"));
    }

    @Test
    void metadataIsEmptyWithoutResourceVersionOrContinue() {
        ObjectNode table = CONVERTOR.toTable(type("", "Pod"), List.of(), IncludeObject.Metadata, null, "", true, NOW);
        assertEquals(json("{}"), table.path("metadata"));
    }

    @Test
    void watchEventsAfterTheFirstOmitColumnDefinitions() {
        ObjectNode first = CONVERTOR.toTable(type("", "ConfigMap"), json(CONFIG_MAP), IncludeObject.Metadata, true, NOW);
        ObjectNode later = CONVERTOR.toTable(type("", "ConfigMap"), json(CONFIG_MAP), IncludeObject.Metadata, false, NOW);
        assertEquals(3, first.path("columnDefinitions").size());
        assertTrue(later.has("columnDefinitions"));
        assertTrue(later.path("columnDefinitions").isNull(), "upstream's NoHeaders table has columnDefinitions: null");
        assertEquals(first.path("rows"), later.path("rows"));
    }

    @Test
    void singleObjectTableTakesTheObjectsResourceVersion() {
        ObjectNode table = CONVERTOR.toTable(type("", "ConfigMap"), json(CONFIG_MAP), IncludeObject.Metadata, true, NOW);
        assertEquals("42", table.path("metadata").path("resourceVersion").asText());
        assertFalse(table.path("metadata").has("continue"));
    }

    @Test
    void theServerPrintsWideCellsForEveryColumn() {
        ObjectNode pod = json("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","creationTimestamp":"2025-05-01T11:00:00Z"},
                 "spec":{"containers":[{"name":"c"}]},"status":{"phase":"Pending"}}""");
        ObjectNode table = CONVERTOR.toTable(type("", "Pod"), List.of(pod), IncludeObject.None, "1", null, true, NOW);
        assertEquals(table.path("columnDefinitions").size(), table.path("rows").path(0).path("cells").size());
    }

    @Test
    void finishedPodsCarryACompletedRowCondition() {
        ObjectNode pod = json("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"c"}]},"status":{"phase":"Succeeded"}}""");
        JsonNode row = CONVERTOR.toTable(type("", "Pod"), List.of(pod), IncludeObject.None, "1", null, true, NOW)
                .path("rows").path(0);
        assertEquals(Fixtures.tree("""
                [{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}]"""),
                row.path("conditions"));
    }
}
