package io.tinykube.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tinykube.server.schema.FieldSchema;
import io.tinykube.server.schema.FieldSchema.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SchemaRegistry walks the generated schemas through references to the extensions merging needs. */
class SchemaRegistryNavigationTest {
    private final OpenApiSchemaRegistry registry = new OpenApiSchemaRegistry();

    @Test
    void deploymentToContainerPorts() {
        FieldSchema deployment = registry.forKind("apps", "v1", "Deployment");
        assertEquals(Shape.OBJECT, deployment.shape());
        FieldSchema containers = deployment.property("spec").property("template").property("spec").property("containers");
        assertEquals(Shape.ARRAY, containers.shape());
        assertEquals("name", containers.patchMergeKey());
        assertEquals("merge", containers.patchStrategy());
        assertEquals("map", containers.listType());
        assertEquals(List.of("name"), containers.listMapKeys());
        FieldSchema container = containers.elements();
        assertEquals(Shape.OBJECT, container.shape());
        FieldSchema ports = container.property("ports");
        assertEquals(Shape.ARRAY, ports.shape());
        assertEquals("containerPort", ports.patchMergeKey());
        assertEquals("merge", ports.patchStrategy());
        assertEquals(List.of("containerPort", "protocol"), ports.listMapKeys());
        assertEquals(Shape.SCALAR, ports.elements().property("containerPort").shape());
        assertNull(container.property("noSuchField"));
    }

    @Test
    void scalarsMapsAndUnknowns() {
        FieldSchema pod = registry.forKind("", "v1", "Pod");
        FieldSchema metadata = pod.property("metadata");
        assertEquals(Shape.MAP, metadata.property("labels").shape());
        assertEquals(Shape.SCALAR, metadata.property("labels").elements().shape());
        assertEquals(Shape.SCALAR, metadata.property("creationTimestamp").shape());
        assertEquals("set", metadata.property("finalizers").listType());
        assertEquals("uid", metadata.property("ownerReferences").patchMergeKey());
        assertEquals(Shape.UNKNOWN, metadata.property("managedFields").elements().property("fieldsV1").shape());
        FieldSchema container = pod.property("spec").property("containers").elements();
        assertEquals(Shape.MAP, container.property("resources").property("limits").shape());
        assertEquals(Shape.SCALAR, container.property("resources").property("limits").elements().shape());
        assertEquals(Shape.SCALAR, container.property("livenessProbe").property("httpGet").property("port").shape());
        assertEquals("atomic", pod.property("spec").property("nodeSelector").mapType());
        assertEquals("atomic", pod.property("spec").property("imagePullSecrets").elements().mapType());
        assertEquals("retainKeys", registry.forKind("apps", "v1", "Deployment").property("spec").property("strategy").patchStrategy());
        assertEquals(Shape.UNKNOWN, registry.forKind("apps", "v1", "ControllerRevision").property("data").shape());
    }

    @Test
    void kindsServedAsSubresourcesAndUnknownKinds() {
        assertEquals(Shape.SCALAR, registry.forKind("autoscaling", "v1", "Scale").property("spec").property("replicas").shape());
        assertEquals(Shape.OBJECT, registry.forKind("policy", "v1", "Eviction").property("deleteOptions").shape());
        assertEquals(Shape.OBJECT, registry.forKind("authentication.k8s.io", "v1", "TokenRequest").property("spec").shape());
        assertSame(FieldSchema.UNKNOWN, registry.forKind("example.com", "v1", "Widget"));
        assertSame(FieldSchema.UNKNOWN, registry.forKind("apps", "v1", "NoSuchKind"));
        assertEquals("type", registry.forKind("batch", "v1", "Job").property("status").property("conditions").patchMergeKey());
        assertEquals("atomic", registry.forKind("batch", "v1", "Job").property("status").property("conditions").listType());
    }
}
