package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.CONVERTOR;
import static io.tinykube.server.table.Fixtures.NOW;
import static io.tinykube.server.table.Fixtures.json;
import static io.tinykube.server.table.Fixtures.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a row embeds for each {@code includeObject} policy, and the parsing of the query parameter. */
class TableIncludeObjectTest {
    private static final String SECRET = """
            {"kind":"Secret","apiVersion":"v1",
             "metadata":{"name":"token","namespace":"kube-system","uid":"u-1","resourceVersion":"9",
                         "labels":{"app":"web"},"annotations":{"note":"x"},"creationTimestamp":"2025-05-01T10:00:00Z"},
             "type":"Opaque","data":{"k":"dg=="}}""";

    private JsonNode rowObject(IncludeObject include) {
        ObjectNode table = CONVERTOR.toTable(type("", "Secret"), List.of(json(SECRET)), include, "9", null, true, NOW);
        return table.path("rows").path(0).path("object");
    }

    @Test
    void metadataIsAPartialObjectMetadataWithTheWholeMetadata() {
        JsonNode object = rowObject(IncludeObject.Metadata);
        assertEquals(json("""
                {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                 "metadata":{"name":"token","namespace":"kube-system","uid":"u-1","resourceVersion":"9",
                             "labels":{"app":"web"},"annotations":{"note":"x"},"creationTimestamp":"2025-05-01T10:00:00Z"}}"""),
                object);
    }

    @Test
    void objectIsTheFullObject() {
        assertEquals(json(SECRET), rowObject(IncludeObject.Object));
    }

    @Test
    void noneEmbedsNoObject() {
        JsonNode object = rowObject(IncludeObject.None);
        assertTrue(object.isNull(), "upstream serializes an empty RawExtension as null");
    }

    @Test
    void queryParameterDefaultsToMetadata() {
        assertEquals(IncludeObject.Metadata, IncludeObject.fromQuery(null));
        assertEquals(IncludeObject.Metadata, IncludeObject.fromQuery(""));
        assertEquals(IncludeObject.None, IncludeObject.fromQuery("None"));
        assertEquals(IncludeObject.Object, IncludeObject.fromQuery("Object"));
        assertEquals(IncludeObject.Metadata, IncludeObject.fromQuery("Metadata"));
    }

    @Test
    void unknownQueryValueIsRefusedWithUpstreamsMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IncludeObject.fromQuery("all"));
        assertEquals("unrecognized includeObject value: \"all\"", e.getMessage());
    }

    @Test
    void nullPolicyMeansMetadata() {
        ObjectNode table = CONVERTOR.toTable(type("", "Secret"), List.of(json(SECRET)), null, "9", null, true, NOW);
        assertEquals("PartialObjectMetadata", table.path("rows").path(0).path("object").path("kind").asText());
    }
}
