package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entries of metadata.managedFields: identity, wire form, order and validation (upstream managedfields.go). */
class ManagedFieldsEntriesTest {

    private static ManagedFields.Entry entry(String manager, String operation, String time) {
        return new ManagedFields.Entry(manager, operation, "v1", time == null ? null : Instant.parse(time),
                FieldSet.of(FieldPath.fields("data")), null);
    }

    @Test
    void identifierIsUpstreamsManagerKey() {
        // facts from upstream TestBuildManagerIdentifier
        assertEquals("{\"manager\":\"foo\",\"operation\":\"Update\",\"apiVersion\":\"v1\"}",
                entry("foo", "Update", "2001-02-03T04:05:06Z").identifier());
        assertEquals("{\"manager\":\"foo\",\"operation\":\"Apply\"}",
                entry("foo", "Apply", "2001-02-03T04:05:06Z").identifier());
        assertEquals("{\"manager\":\"foo\",\"operation\":\"Apply\",\"subresource\":\"scale\"}",
                new ManagedFields.Entry("foo", "Apply", "v1", null, FieldSet.EMPTY, "scale").identifier());
    }

    @Test
    void entriesAreWrittenApplyFirstThenOldestFirstThenByManager() {
        // upstream TestSortEncodedManagedFields "newest last"
        List<ManagedFields.Entry> in = new ArrayList<>(List.of(
                entry("c", "Update", "2001-01-01T01:00:00Z"),
                entry("a", "Apply", null),
                entry("c", "Update", "2002-01-01T01:00:00Z"),
                entry("b", "Apply", null)));
        in.set(2, new ManagedFields.Entry("c", "Update", "v2", Instant.parse("2002-01-01T01:00:00Z"), FieldSet.of(FieldPath.fields("x")), null));
        ObjectNode o = ManagedFields.write(JsonNodeFactory.instance.objectNode(), in);
        List<String> order = new ArrayList<>();
        o.get("metadata").get("managedFields").forEach(e -> order.add(e.get("manager").asText() + "/" + e.get("operation").asText()
                + (e.has("time") ? "@" + e.get("time").asText() : "")));
        assertEquals(List.of("a/Apply", "b/Apply", "c/Update@2001-01-01T01:00:00Z", "c/Update@2002-01-01T01:00:00Z"), order);
    }

    @Test
    void wireFormHasUpstreamsFieldOrder() {
        ManagedFields.Entry e = new ManagedFields.Entry("kube-controller-manager", "Update", "apps/v1",
                Instant.parse("2024-05-06T07:08:09.123Z"), FieldSet.of(FieldPath.fields("status", "replicas")), "status");
        assertEquals("{\"manager\":\"kube-controller-manager\",\"operation\":\"Update\",\"apiVersion\":\"apps/v1\","
                + "\"time\":\"2024-05-06T07:08:09Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:status\":{\"f:replicas\":{}}},"
                + "\"subresource\":\"status\"}", e.toJson().toString());
    }

    @Test
    void writingNoEntriesRemovesTheField() {
        ObjectNode o = TestSchemas.yaml("{metadata: {name: x, managedFields: [{manager: a}]}}");
        ManagedFields.write(o, List.of());
        assertEquals(TestSchemas.yaml("{metadata: {name: x}}"), o);
    }

    @Test
    void invalidEntriesAreRefusedWithUpstreamsReasons() {
        // upstream TestHasFieldsType, TestHasAPIVersion, TestHasOperation
        assertEquals("invalid fieldsType \"FieldsV2\" in managed fields entry 0", readError("""
                - {apiVersion: v1, fieldsType: FieldsV2, fieldsV1: {"f:field": {}}, manager: foo, operation: Apply}"""));
        assertEquals("missing fieldsType in managed fields entry 0", readError("""
                - {apiVersion: v1, fieldsV1: {"f:field": {}}, manager: foo, operation: Apply}"""));
        assertEquals("apiVersion must not be empty in managed fields entry 0", readError("""
                - {fieldsType: FieldsV1, fieldsV1: {"f:field": {}}, manager: foo, operation: Apply}"""));
        assertEquals("operation must be `Apply` or `Update` in managed fields entry 1", readError("""
                - {apiVersion: v1, fieldsType: FieldsV1, fieldsV1: {"f:field": {}}, manager: foo, operation: Apply}
                - {apiVersion: v1, fieldsType: FieldsV1, fieldsV1: {"f:field": {}}, manager: foo, operation: Invalid}"""));
        assertEquals("operation must be `Apply` or `Update` in managed fields entry 0", readError("""
                - {apiVersion: v1, fieldsType: FieldsV1, fieldsV1: {"f:field": {}}, manager: foo}"""));
        assertTrue(readError("- {apiVersion: v1, fieldsType: FieldsV1, operation: Apply, fieldsV1: {\"q\": {}}}")
                .startsWith("error decoding fieldsV1 in managed fields entry 0: parsing key as path element: key must be 2 characters long"));
        assertEquals("error decoding fieldsV1 in managed fields entry 0: expected a JSON object at f:spec/f:replicas, got number",
                readError("- {apiVersion: v1, fieldsType: FieldsV1, operation: Apply, fieldsV1: {\"f:spec\": {\"f:replicas\": 3}}}"));
        assertEquals("invalid time \"yesterday\" in managed fields entry 0",
                readError("- {apiVersion: v1, fieldsType: FieldsV1, operation: Apply, time: yesterday}"));
        assertEquals("metadata.managedFields must be a list, got string", readError("\"nope\""));
        assertEquals("expected an object, got number in managed fields entry 0", readError("[1]"));
    }

    private static String readError(String managedFieldsYaml) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        try {
            o.putObject("metadata").set("managedFields", TestSchemas.YAML.readTree(managedFieldsYaml));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return assertThrows(IllegalArgumentException.class, () -> ManagedFields.read(o)).getMessage();
    }
}
