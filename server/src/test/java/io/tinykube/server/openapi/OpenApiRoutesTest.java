package io.tinykube.server.openapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The /openapi/v3 routes over HTTP, as kubectl calls them. */
class OpenApiRoutesTest {
    private static Vertx vertx;
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new OpenApiRoutes().routes(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void discoveryListsEveryGroupVersionWithItsHash() throws Exception {
        HttpResponse<byte[]> response = get("/openapi/v3?timeout=32s", "Accept", "application/json");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode paths = OpenApiTestDocuments.JSON.readTree(response.body()).path("paths");
        assertEquals(OpenApiDocuments.get().all().size(), paths.size());
        String hash = OpenApiDocuments.get().find("apis/apps/v1").hash();
        assertEquals("/openapi/v3/apis/apps/v1?hash=" + hash, paths.path("apis/apps/v1").path("serverRelativeURL").asText());
        assertTrue(paths.path("api/v1").path("serverRelativeURL").asText().startsWith("/openapi/v3/api/v1?hash="));
    }

    @Test
    void documentWithCurrentHashIsImmutable() throws Exception {
        OpenApiDocuments.Document apps = OpenApiDocuments.get().find("apis/apps/v1");
        HttpResponse<byte[]> response = get(apps.serverRelativeUrl() + "&timeout=32s", "Accept", "application/json");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, immutable", response.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(response.headers().firstValue("Expires").orElseThrow().endsWith(" GMT"));
        assertEquals("\"" + apps.hash() + "\"", response.headers().firstValue("Etag").orElseThrow());
        assertFalse(response.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(apps.size(), response.body().length);
        JsonNode document = OpenApiTestDocuments.JSON.readTree(response.body());
        assertFalse(document.path("components").path("schemas").path("io.k8s.api.apps.v1.Deployment").isMissingNode());
    }

    @Test
    void gzipIsSentAsStoredWhenAccepted() throws Exception {
        OpenApiDocuments.Document core = OpenApiDocuments.get().find("api/v1");
        HttpResponse<byte[]> response = get("/openapi/v3/api/v1", "Accept-Encoding", "gzip", "Accept", "application/json");
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        assertArrayEquals(OpenApiDocuments.get().gzip(core), response.body());
        byte[] json;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            json = in.readAllBytes();
        }
        assertEquals(core.size(), json.length);
        // Without a hash the answer may not be cached forever.
        assertFalse(response.headers().firstValue("Cache-Control").isPresent());
    }

    @Test
    void staleHashRedirectsToTheCurrentDocument() throws Exception {
        HttpResponse<byte[]> response = get("/openapi/v3/apis/apps/v1?hash=0123", "Accept", "application/json");
        assertEquals(301, response.statusCode());
        assertEquals(OpenApiDocuments.get().find("apis/apps/v1").serverRelativeUrl(),
                response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void conditionalRequestsAndErrors() throws Exception {
        OpenApiDocuments.Document apps = OpenApiDocuments.get().find("apis/apps/v1");
        assertEquals(304, get(apps.serverRelativeUrl(), "If-None-Match", "\"" + apps.hash() + "\"").statusCode());
        HttpResponse<byte[]> missing = get("/openapi/v3/apis/example.com/v1");
        assertEquals(404, missing.statusCode());
        assertEquals("Status", OpenApiTestDocuments.JSON.readTree(missing.body()).path("kind").asText());
        assertEquals(406, get("/openapi/v3/api/v1", "Accept", "application/com.github.proto-openapi.spec.v3.v1.0+protobuf").statusCode());
        HttpResponse<byte[]> v2 = get("/openapi/v2", "Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        assertEquals(404, v2.statusCode());
        assertEquals("NotFound", OpenApiTestDocuments.JSON.readTree(v2.body()).path("reason").asText());
    }
}
