package io.tinykube.server.api.protobuf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which Content-Type headers mean a protobuf body. */
class ProtobufMediaTypeTest {
    @Test
    void protobufContentTypes() {
        assertTrue(ProtobufBodies.isProtobuf("application/vnd.kubernetes.protobuf"));
        assertTrue(ProtobufBodies.isProtobuf("Application/VND.Kubernetes.Protobuf; charset=utf-8"));
        assertTrue(ProtobufBodies.isProtobuf(" application/vnd.kubernetes.protobuf ;x=y"));
        assertFalse(ProtobufBodies.isProtobuf("application/json"));
        assertFalse(ProtobufBodies.isProtobuf("application/vnd.kubernetes.protobufx"));
        assertFalse(ProtobufBodies.isProtobuf("application/apply-patch+yaml"));
        assertFalse(ProtobufBodies.isProtobuf(""));
        assertFalse(ProtobufBodies.isProtobuf(null));
    }
}
