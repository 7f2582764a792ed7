package io.tinykube.server.api.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Builds protobuf request bodies the way client-go does, for the tests. */
final class KubeProtoBodies {
    private KubeProtoBodies() {
    }

    /** {@code k8s\0} + runtime.Unknown{typeMeta, raw, contentEncoding "", contentType ""}, as client-go writes it. */
    static byte[] body(String apiVersion, String kind, MessageLite object) {
        return body(unknown(apiVersion, kind, object.toByteString()).build());
    }

    static Runtime.Unknown.Builder unknown(String apiVersion, String kind, ByteString raw) {
        return Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(raw)
                .setContentEncoding("")
                .setContentType("");
    }

    static byte[] body(Runtime.Unknown unknown) {
        return withMagic(unknown.toByteArray());
    }

    static byte[] withMagic(byte[] message) {
        byte[] out = new byte[message.length + 4];
        out[0] = 'k';
        out[1] = '8';
        out[2] = 's';
        out[3] = 0;
        System.arraycopy(message, 0, out, 4, message.length);
        return out;
    }

    /** The decoded body as compact JSON text. */
    static String json(byte[] body) {
        return ProtobufBodies.decode(body).toString();
    }

    /**
     * ObjectMeta as client-go (gogo protobuf) writes it: every non-pointer field present, "" and 0 included, and
     * the zero creationTimestamp as an empty message.
     */
    static Meta.ObjectMeta.Builder gogoMeta(String name) {
        return Meta.ObjectMeta.newBuilder()
                .setName(name)
                .setGenerateName("")
                .setNamespace("")
                .setSelfLink("")
                .setUid("")
                .setResourceVersion("")
                .setGeneration(0)
                .setCreationTimestamp(Meta.Time.getDefaultInstance());
    }

    static byte[] resource(String name) {
        try (InputStream in = KubeProtoBodies.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
