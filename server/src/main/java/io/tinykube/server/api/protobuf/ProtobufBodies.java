package io.tinykube.server.api.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@value #MEDIA_TYPE}), which kubectl 1.32+ sends for its typed
 * commands ({@code create deployment|namespace|configmap|secret|token|job|cronjob|service}, {@code auth can-i},
 * {@code auth whoami}, drain's pod deletion) and does not retry as JSON on 415.
 *
 * <p>A body is the magic {@code k8s\0} and a {@code runtime.Unknown} message: typeMeta {apiVersion, kind}, raw (the
 * object's own protobuf encoding), contentEncoding, contentType. {@link #decode(byte[])} turns it into the JSON
 * object the same request would have carried as JSON, which is what the server stores and serves.
 *
 * <p>The protobuf descriptors (client-java-proto) are loaded on the first protobuf body, one group version at a
 * time; nothing here is touched by a server that only ever sees JSON.
 */
public final class ProtobufBodies {
    private ProtobufBodies() {
    }

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    /** The prefix of every Kubernetes protobuf encoding: "k8s" and a zero byte. */
    static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    /**
     * The deepest message nesting accepted, which is also the protobuf parser's recursion limit. Real objects nest
     * about 15 deep (a Deployment's pod anti-affinity label selector); 64 leaves room and stops hostile input.
     */
    static final int MAX_DEPTH = 64;

    /** Whether a Content-Type header names the Kubernetes protobuf media type (parameters and case ignored). */
    public static boolean isProtobuf(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
    }

    /**
     * The JSON object of a protobuf request body: {@code apiVersion} and {@code kind} first, then the object's
     * fields by their Kubernetes JSON names, as Go's encoding/json writes them (see {@link ProtoJsonWriter}).
     *
     * @throws ProtobufBodyException when the body is not a valid protobuf-encoded object of a known kind
     */
    public static ObjectNode decode(byte[] body) {
        if (body == null || !hasMagic(body)) {
            throw new ProtobufBodyException(
                    "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }
        try {
            return new ProtoJsonWriter().decodeEnvelope(body, MAGIC.length, body.length - MAGIC.length, 0);
        } catch (ProtobufBodyException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not expected: every known failure is a ProtobufBodyException already. Still a bad body, not a 500.
            throw new ProtobufBodyException("the request body is not a valid protobuf object: " + e, e);
        }
    }

    /**
     * The protobuf body of a JSON object with apiVersion and kind, for a client that accepts only protobuf: the
     * reverse of {@link #decode(byte[])} (JSON fields the 1.30 descriptors do not know are left out).
     *
     * @throws ProtobufBodyException when the object has no protobuf message here or a field has the wrong JSON
     *     type; the caller answers in JSON instead (or 406 when JSON is not acceptable either)
     */
    public static byte[] encode(ObjectNode object) {
        try {
            return new ProtoJsonReader().encode(object);
        } catch (ProtobufBodyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProtobufBodyException("cannot encode the object as protobuf: " + e, e);
        }
    }

    static boolean hasMagic(byte[] data) {
        return hasMagic(data, 0, data.length);
    }

    static boolean hasMagic(byte[] data, int offset, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
