package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The protobuf classes load with the first protobuf body, and then only the group version it needs: checked in a
 * class loader of its own, so what other tests loaded does not count.
 */
class ProtobufLazyLoadingTest {
    private static final class Loader extends URLClassLoader {
        Loader(URL... urls) {
            super("protobuf-lazy-loading", urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void protoClassesLoadWithTheFirstBodyOfTheirGroupVersion() throws Exception {
        byte[] configMap = body("v1", "ConfigMap", V1.ConfigMap.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("c")).putData("k", "v").build());
        try (Loader loader = new Loader(jarOf(ProtobufBodies.class), jarOf(ObjectMapper.class),
                jarOf(JsonFactory.class), jarOf(JsonProperty.class), jarOf(Message.class), jarOf(V1.class))) {
            Class<?> bodies = Class.forName(ProtobufBodies.class.getName(), true, loader);
            assertEquals(true, bodies.getMethod("isProtobuf", String.class)
                    .invoke(null, "application/vnd.kubernetes.protobuf"));
            assertFalse(loader.loaded("com.google.protobuf.Descriptors"), "protobuf-java before any body");
            assertFalse(loader.loaded("io.kubernetes.client.proto.V1"), "core v1 descriptors before any body");

            Object json = bodies.getMethod("decode", byte[].class).invoke(null, (Object) configMap);

            assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                    + "\"data\":{\"k\":\"v\"}}", json.toString());
            assertTrue(loader.loaded("io.kubernetes.client.proto.V1"));
            assertFalse(loader.loaded("io.kubernetes.client.proto.V1Apps"), "apps/v1 without an apps/v1 body");
            assertFalse(loader.loaded("io.kubernetes.client.proto.V1Batch"), "batch/v1 without a batch/v1 body");
            assertFalse(loader.loaded("io.kubernetes.client.proto.V1$ConfigMap"),
                    "decoding walks descriptors; the generated message classes stay unloaded");
        }
    }
}
