package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Applying to an object that does not exist creates it, owned by the applier with operation Apply. */
class ApplyCreateTest {

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: test-cm
              namespace: default
              labels:
                test-label: test
            data:
              key: some value
            """;

    @Test
    void createRecordsOneApplyEntryLikeTheDocumentationExample() {
        ObjectNode created = Fx.apply(null, CONFIG_MAP, "kubectl", TestSchemas.CONFIG_MAP, Fx.T0);

        assertEquals(TestSchemas.yaml(CONFIG_MAP), Fx.bare(created));
        JsonNode managedFields = created.get("metadata").get("managedFields");
        assertEquals(TestSchemas.json("""
                [{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-01-01T00:00:00Z",
                  "fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}}]
                """), managedFields);
    }

    @Test
    void apiVersionKindNameAndNamespaceAreNeverOwned() {
        ObjectNode created = Fx.apply(null, CONFIG_MAP, "kubectl", TestSchemas.CONFIG_MAP, Fx.T0);
        assertEquals(List.of(".data.key", ".metadata.labels.test-label"), Fx.owned(created, "kubectl", "Apply"));
    }

    @Test
    void createOfADeploymentOwnsItemsByKey() {
        ObjectNode created = Fx.apply(null, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nginx, labels: {app: nginx}}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: nginx}}
                  template:
                    metadata: {labels: {app: nginx}}
                    spec:
                      containers:
                      - {name: nginx, image: "nginx:1.14.2", ports: [{containerPort: 80}]}
                status: {replicas: 9}
                """, "kubectl", TestSchemas.DEPLOYMENT, Fx.T0);
        assertEquals(List.of(
                ".metadata.labels.app",
                ".spec.replicas",
                ".spec.selector",
                ".spec.template.metadata.labels.app",
                ".spec.template.spec.containers[name=\"nginx\"]",
                ".spec.template.spec.containers[name=\"nginx\"].image",
                ".spec.template.spec.containers[name=\"nginx\"].name",
                ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]",
                ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"].containerPort"),
                Fx.owned(created, "kubectl", "Apply"),
                "status is reset by the main resource, so never owned through it");
        assertEquals(List.of("kubectl/Apply"), Fx.managers(created));
    }
}
