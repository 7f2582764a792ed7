package io.tinykube.server.apply;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The request checks the REST layer runs before apply. */
class ApplyValidateObjectTest {

    private static String failure(String yaml, String namespace) {
        ApplyException e = assertThrows(ApplyException.class, () -> ServerSideApply.validateAppliedObject(
                TestSchemas.node(yaml), "apps/v1", "Deployment", "web", namespace));
        assertEquals(400, e.code());
        return e.getMessage();
    }

    @Test
    void aMatchingObjectPasses() {
        assertDoesNotThrow(() -> ServerSideApply.validateAppliedObject(TestSchemas.yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: default}}"), "apps/v1", "Deployment", "web", "default"));
        assertDoesNotThrow(() -> ServerSideApply.validateAppliedObject(TestSchemas.yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}"), "apps/v1", "Deployment", "web", "default"));
    }

    @Test
    void mismatchesAreBadRequestsWithUpstreamsWording() {
        assertEquals("Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1",
                failure("{apiVersion: apps/v1beta1, kind: Deployment, metadata: {name: web}}", null));
        assertEquals("Incorrect version specified in apply patch. Specified patch version: , expected: apps/v1",
                failure("{kind: Deployment, metadata: {name: web}}", null));
        assertEquals("Incorrect kind specified in apply patch. Specified patch kind: StatefulSet, expected: Deployment",
                failure("{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: web}}", null));
        assertEquals("the name of the object (api) does not match the name on the URL (web)",
                failure("{apiVersion: apps/v1, kind: Deployment, metadata: {name: api}}", null));
        assertEquals("the namespace of the provided object does not match the namespace sent on the request",
                failure("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: other}}", "default"));
        assertEquals("metadata.managedFields must be nil",
                failure("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, managedFields: [{}]}}", null));
        assertEquals("error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}",
                failure("[]", null));
    }
}
