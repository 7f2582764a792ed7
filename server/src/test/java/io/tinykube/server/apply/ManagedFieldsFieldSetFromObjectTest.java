package io.tinykube.server.apply;

import io.tinykube.server.schema.FieldSchema;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which fields an object sets, by its schema (upstream typed/tofieldset.go). */
class ManagedFieldsFieldSetFromObjectTest {

    private static String fieldsOf(String yaml, FieldSchema schema) {
        return FieldSet.fromObject(TestSchemas.yaml(yaml), schema).toFieldsV1().toString();
    }

    @Test
    void associativeListItemsByKeyStructsThroughTheirLeavesAtomicSelectorAsOneLeaf() {
        // the documentation's nginx Deployment; upstream records ports by [containerPort, protocol] with TCP defaulted
        assertEquals("{\"f:apiVersion\":{},\"f:kind\":{},"
                        + "\"f:metadata\":{\"f:labels\":{\"f:app\":{}},\"f:name\":{}},"
                        + "\"f:spec\":{\"f:replicas\":{},\"f:selector\":{},\"f:template\":{"
                        + "\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},"
                        + "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{},"
                        + "\"f:ports\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:containerPort\":{}}}}}}}}}",
                fieldsOf("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: nginx-deployment
                          labels: {app: nginx}
                        spec:
                          replicas: 3
                          selector: {matchLabels: {app: nginx}}
                          template:
                            metadata: {labels: {app: nginx}}
                            spec:
                              containers:
                              - name: nginx
                                image: nginx:1.14.2
                                ports:
                                - containerPort: 80
                        """, TestSchemas.DEPLOYMENT));
    }

    @Test
    void setsByValueAtomicListsAndMapsAsOneLeaf() {
        assertEquals("{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"a.example.com/x\\\"\":{},\"v:\\\"b.example.com/y\\\"\":{}}},"
                        + "\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{},\"f:command\":{},\"f:name\":{}}},"
                        + "\"f:nodeSelector\":{},\"f:tolerations\":{}}}}}",
                fieldsOf("""
                        metadata: {finalizers: [b.example.com/y, a.example.com/x]}
                        spec:
                          template:
                            spec:
                              nodeSelector: {disk: ssd}
                              tolerations: [{key: k, operator: Exists}]
                              containers: [{name: c, command: [sh, -c, "true"]}]
                        """, TestSchemas.DEPLOYMENT));
    }

    @Test
    void aListWithPatchMergeKeyButNoListTypeIsKeyedAndOneWithNeitherIsAtomic() {
        assertEquals("{\"f:items\":{\"k:{\\\"key\\\":\\\"a\\\"}\":{\".\":{},\"f:key\":{},\"f:value\":{}}},\"f:plain\":{}}",
                fieldsOf("{items: [{key: a, value: x}], plain: [{key: a, value: x}]}", TestSchemas.type("LegacyHolder")));
    }

    @Test
    void withoutASchemaMapsAreGranularAndListsAtomic() {
        assertEquals("{\"f:apiVersion\":{},\"f:kind\":{},\"f:metadata\":{\".\":{},\"f:name\":{}},"
                        + "\"f:spec\":{\".\":{},\"f:list\":{},\"f:nested\":{\".\":{},\"f:a\":{}}}}",
                fieldsOf("{apiVersion: example.com/v1, kind: Foo, metadata: {name: f}, spec: {nested: {a: 1}, list: [1, 2]}}",
                        FieldSchema.UNKNOWN));
        assertEquals(fieldsOf("{spec: {x: 1}}", FieldSchema.UNKNOWN), fieldsOf("{spec: {x: 1}}", null));
    }

    @Test
    void fieldsTheSchemaDoesNotKnowAndNullStructsAreLeavesOrNothing() {
        // an unknown field is one atomic leaf; a null struct sets nothing, a null scalar is a leaf
        assertEquals("{\"f:spec\":{\"f:mystery\":{},\"f:replicas\":{}}}",
                fieldsOf("{spec: {mystery: {deep: [1]}, replicas: null, strategy: null}}", TestSchemas.DEPLOYMENT));
    }
}
