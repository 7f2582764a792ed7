package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FieldsV1 and managedFields entries read and written back unchanged. The fixtures are upstream's
 * own (apimachinery managedfields/internal/managedfields_test.go TestRoundTripManagedFields, and the
 * ConfigMap of the Server-Side Apply documentation page).
 */
class ManagedFieldsFieldsV1RoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {
            """
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                v:3:
                  f:alsoPi: {}
                v:3.1415:
                  f:pi: {}
                v:false:
                  f:notTrue: {}
              manager: foo
              operation: Update
              time: "2001-02-03T04:05:06Z"
            - apiVersion: v1beta1
              fieldsType: FieldsV1
              fieldsV1:
                i:5:
                  f:i: {}
              manager: foo
              operation: Update
              time: "2011-12-13T14:15:16Z"
            """,
            """
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                f:spec:
                  f:containers:
                    k:{"name":"c"}:
                      f:image: {}
                      f:name: {}
              manager: foo
              operation: Apply
            """,
            """
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                f:apiVersion: {}
                f:kind: {}
                f:metadata:
                  f:labels:
                    f:app: {}
                  f:name: {}
                f:spec:
                  f:replicas: {}
                  f:selector:
                    f:matchLabels:
                      f:app: {}
                  f:template:
                    f:medatada:
                      f:labels:
                        f:app: {}
                    f:spec:
                      f:containers:
                        k:{"name":"nginx"}:
                          .: {}
                          f:image: {}
                          f:name: {}
                          f:ports:
                            i:0:
                              f:containerPort: {}
              manager: foo
              operation: Update
            """,
            """
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                f:apiVersion: {}
                f:kind: {}
                f:metadata:
                  f:name: {}
                f:spec:
                  f:group: {}
                  f:names:
                    f:kind: {}
                    f:plural: {}
                    f:shortNames:
                      i:0: {}
                    f:singular: {}
                  f:scope: {}
                  f:versions:
                    k:{"name":"v1"}:
                      f:name: {}
                      f:served: {}
                      f:storage: {}
              manager: foo
              operation: Update
            """,
            """
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                f:spec:
                  f:replicas: {}
              manager: foo
              operation: Update
              subresource: scale
            """,
            """
            - manager: kubectl
              operation: Apply
              apiVersion: v1
              time: "2010-10-10T0:00:00Z"
              fieldsType: FieldsV1
              fieldsV1:
                f:metadata:
                  f:labels:
                    f:test-label: {}
                f:data:
                  f:key: {}
            """
    })
    void upstreamEntriesSurviveReadAndWrite(String yaml) throws Exception {
        JsonNode entries = TestSchemas.YAML.readTree(yaml);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.putObject("metadata").set("managedFields", entries);

        List<ManagedFields.Entry> read = ManagedFields.read(object);
        ObjectNode written = ManagedFields.write(JsonNodeFactory.instance.objectNode(), read);
        JsonNode out = written.get("metadata").get("managedFields");

        assertEquals(entries.size(), out.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode want = entries.get(i);
            JsonNode got = out.get(i);
            assertEquals(want.get("fieldsV1"), got.get("fieldsV1"), "fieldsV1 of entry " + i);
            for (String f : List.of("manager", "operation", "apiVersion", "fieldsType", "subresource")) {
                assertEquals(want.get(f), got.get(f), f + " of entry " + i);
            }
            if (want.has("time")) {
                // written in RFC 3339 with two-digit hours, as metav1.Time marshals
                assertEquals(ManagedFields.parseTime(want.get("time").asText()).toString(), got.get("time").asText());
            }
        }
    }

    @Test
    void fieldsV1IsWrittenInUpstreamElementOrderWithDotFirst() {
        FieldSet set = FieldSet.fromFieldsV1(TestSchemas.json("""
                {"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{"f:image":{},".":{},"f:name":{}}}},
                 "f:metadata":{"f:labels":{"f:app":{}}},
                 "f:x":{"v:\\"b\\"":{},"v:\\"a\\"":{},"i:1":{},"k:{\\"a\\":1}":{},"f:z":{}}}
                """));
        assertEquals("{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},"
                        + "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}},"
                        + "\"f:x\":{\"f:z\":{},\"k:{\\\"a\\\":1}\":{},\"v:\\\"a\\\"\":{},\"v:\\\"b\\\"\":{},\"i:1\":{}}}",
                set.toFieldsV1().toString());
    }

    @Test
    void keysAreSortedByFieldNameAndWrittenAsGoWritesThem() {
        PathElement pe = PathElement.key(TestSchemas.yaml("{protocol: TCP, containerPort: 80}"));
        assertEquals("k:{\"containerPort\":80,\"protocol\":\"TCP\"}", pe.serialize());
        assertEquals("[containerPort=80,protocol=\"TCP\"]", pe.toString());
        assertEquals(pe, PathElement.deserialize("k:{\"protocol\":\"TCP\",\"containerPort\":80.0}"));
        assertEquals("v:\"\\u003cb\\u003e \\u0026\"", PathElement.value(TestSchemas.json("\"<b> &\"")).serialize());
    }

    @Test
    void elementsOfUnknownFormsAreDroppedAsUpstreamDoes() {
        FieldSet set = FieldSet.fromFieldsV1(TestSchemas.json("{\"f:a\":{},\"x:future\":{\"f:b\":{}}}"));
        assertEquals(FieldSet.of(FieldPath.fields("a")), set);
        assertTrue(FieldSet.fromFieldsV1(TestSchemas.json("{}")).isEmpty());
    }

    @Test
    void everyPathOfTheSetIsListedInUpstreamNotation() {
        FieldSet set = FieldSet.fromFieldsV1(TestSchemas.json("""
                {"f:metadata":{"f:finalizers":{"v:\\"example.com/x\\"":{}}},
                 "f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{}}}}}}}
                """));
        assertEquals("""
                .metadata.finalizers[="example.com/x"]
                .spec.replicas
                .spec.template.spec.containers[name="web"]
                .spec.template.spec.containers[name="web"].image""", set.toString());
        assertTrue(set.has(FieldPath.of(PathElement.field("spec"), PathElement.field("template"), PathElement.field("spec"),
                PathElement.field("containers"), PathElement.key(TestSchemas.yaml("{name: web}")))));
        assertEquals(4, set.size());
    }
}
