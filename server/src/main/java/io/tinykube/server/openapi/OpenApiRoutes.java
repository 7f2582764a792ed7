package io.tinykube.server.openapi;

import io.tinykube.server.api.Status;
import io.tinykube.server.openapi.OpenApiDocuments.Document;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * OpenAPI v3 as upstream's kube-openapi {@code handler3} serves it: {@code GET /openapi/v3} lists one
 * {@code serverRelativeURL} per group-version with the document's hash; {@code GET /openapi/v3/api/v1} and
 * {@code /openapi/v3/apis/G/V} answer the document. With the current {@code ?hash=} the answer may be cached
 * forever; with a stale one the client is redirected. OpenAPI v2 is not served (kubectl only wants it as
 * protobuf, and only when v3 is missing).
 */
@ApplicationScoped
public class OpenApiRoutes {
    private static final String PREFIX = "/openapi/v3/";
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final OpenApiDocuments documents;
    private volatile byte[] discovery;
    private volatile String discoveryEtag;

    public OpenApiRoutes() {
        this(OpenApiDocuments.get());
    }

    OpenApiRoutes(OpenApiDocuments documents) {
        this.documents = documents;
    }

    public void routes(@Observes Router router) {
        router.get("/openapi/v3").handler(this::discovery);
        router.getWithRegex("/openapi/v3/(.+)").blockingHandler(this::document, false);
        router.get("/openapi/v2").handler(context ->
                Status.send(context, 404, "NotFound", "the server could not find the requested resource"));
    }

    private void discovery(RoutingContext context) {
        if (discovery == null) {
            JsonObject paths = new JsonObject();
            // Sorted like upstream's (Go marshals map keys in order).
            documents.all().keySet().stream().sorted().forEach(key ->
                    paths.put(key, new JsonObject().put("serverRelativeURL", documents.find(key).serverRelativeUrl())));
            byte[] body = new JsonObject().put("paths", paths).encode().getBytes(StandardCharsets.UTF_8);
            discoveryEtag = "\"" + sha512(body) + "\"";
            discovery = body;
        }
        HttpServerResponse response = context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Etag", discoveryEtag);
        if (notModified(context, discoveryEtag)) {
            response.setStatusCode(304).end();
            return;
        }
        response.end(Buffer.buffer(discovery));
    }

    private void document(RoutingContext context) {
        String path = context.normalizedPath();
        String key = path.substring(PREFIX.length());
        if (key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        Document document = documents.find(key);
        if (document == null) {
            Status.send(context, 404, "NotFound", "the server could not find the requested resource");
            return;
        }
        if (!acceptsJson(context.request().getHeader("Accept"))) {
            // Upstream also serves protobuf here; JSON is what kubectl asks for.
            Status.send(context, 406, "NotAcceptable", "only application/json is supported");
            return;
        }
        HttpServerResponse response = context.response();
        String etag = "\"" + document.hash() + "\"";
        response.putHeader("Vary", "Accept, Accept-Encoding")
                .putHeader("Content-Type", "application/json")
                .putHeader("Etag", etag);
        String hash = context.request().getParam("hash");
        if (hash != null && !hash.isEmpty()) {
            if (!hash.equals(document.hash())) {
                response.setStatusCode(301).putHeader("Location", document.serverRelativeUrl()).end();
                return;
            }
            response.putHeader("Cache-Control", "public, immutable")
                    .putHeader("Expires", RFC1123.format(ZonedDateTime.now(ZoneOffset.UTC).plusYears(1)));
        }
        if (notModified(context, etag)) {
            response.setStatusCode(304).end();
            return;
        }
        if (acceptsGzip(context.request().getHeader("Accept-Encoding"))) {
            response.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(documents.gzip(document)));
            return;
        }
        try (InputStream in = documents.open(document)) {
            response.end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean notModified(RoutingContext context, String etag) {
        String ifNoneMatch = context.request().getHeader("If-None-Match");
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an Accept header admits application/json (no header admits anything). */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String clause : accept.split(",")) {
            String[] parts = clause.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!(type.equals("application/json") || type.equals("application/*") || type.equals("*/*"))) {
                continue;
            }
            if (!zeroQuality(parts)) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String clause : acceptEncoding.split(",")) {
            String[] parts = clause.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            if ((coding.equals("gzip") || coding.equals("*")) && !zeroQuality(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean zeroQuality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String sha512(byte[] data) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
