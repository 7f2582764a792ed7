package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer-token challenge flow (as Docker Hub) and basic auth, with a token server in front of the registry. */
class RegistryAuthTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static RegistryProxy proxy;
    static TestImages.Built image;
    /** token → the scope it was issued for. */
    static final Map<String, String> issued = new ConcurrentHashMap<>();
    static final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    static final AtomicInteger tokenCounter = new AtomicInteger();

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        image = TestImages.busybox(AMD64, "auth");
        registry.push("private/busybox", "1", image);
        proxy = new RegistryProxy(registry.url());
        proxy.server().createContext("/token", RegistryAuthTest::issueToken);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        registry.close();
    }

    @AfterEach
    void reset() {
        proxy.gate = exchange -> true;
        tokenRequests.clear();
    }

    /** Issues a token for the asked scope to alice:secret, as auth.docker.io does for a private repository. */
    private static void issueToken(HttpExchange exchange) throws java.io.IOException {
        try (exchange) {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            tokenRequests.add(query.get("scope"));
            String expected = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes());
            if (!"test-registry".equals(query.get("service"))
                    || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                RegistryProxy.reply(exchange, 401, Map.of(), "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            String token = "token-" + tokenCounter.incrementAndGet();
            issued.put(token, query.get("scope"));
            RegistryProxy.reply(exchange, 200, Map.of("Content-Type", "application/json"),
                    "{\"token\":\"" + token + "\",\"expires_in\":300}");
        }
    }

    private static boolean demandBearer(HttpExchange exchange) throws java.io.IOException {
        String path = exchange.getRequestURI().getPath();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String repository = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs)/.*$", "");
        String scope = "repository:" + repository + ":pull";
        if (path.equals("/v2/")) {
            if (header == null) {
                challenge(exchange, null);
                return false;
            }
            return true;
        }
        if (header != null && header.startsWith("Bearer ") && scope.equals(issued.get(header.substring(7)))) {
            return true;
        }
        challenge(exchange, scope);
        return false;
    }

    private static void challenge(HttpExchange exchange, String scope) throws java.io.IOException {
        String value = "Bearer realm=\"" + proxy.url() + "/token\",service=\"test-registry\""
                + (scope == null ? "" : ",scope=\"" + scope + "\"");
        RegistryProxy.reply(exchange, 401, Map.of("WWW-Authenticate", value), "");
    }

    private static ImagePuller puller(Path root, String registriesYaml) throws Exception {
        return new ImagePuller(RegistriesConfig.parse(registriesYaml), new ImageStore(root, new BlobStore(root)),
                AMD64);
    }

    private static String credentials(String auth) {
        return "configs:\n  \"" + proxy.hostPort() + "\":\n    auth: " + auth + "\n";
    }

    @Test
    void bearerChallengeIsAnsweredWithOneTokenPerScopeReusedAcrossRequests(@TempDir Path root) throws Exception {
        proxy.gate = RegistryAuthTest::demandBearer;
        ImagePuller puller = puller(root, credentials("{username: alice, password: secret}"));

        Image pulled = puller.pull(proxy.hostPort() + "/private/busybox:1");
        puller.pull(proxy.hostPort() + "/private/busybox:1");

        assertEquals(image.manifestDigest(), pulled.manifestDigest());
        assertEquals(List.of("repository:private/busybox:pull"), tokenRequests);
    }

    @Test
    void base64AuthFieldIsUsedForTheTokenRequest(@TempDir Path root) throws Exception {
        proxy.gate = RegistryAuthTest::demandBearer;
        String auth = Base64.getEncoder().encodeToString("alice:secret".getBytes());
        assertEquals(image.configDigest(), puller(root, credentials("{auth: \"" + auth + "\"}"))
                .pull(proxy.hostPort() + "/private/busybox:1").id());
    }

    @Test
    void wrongCredentialsGiveAClearError(@TempDir Path root) throws Exception {
        proxy.gate = RegistryAuthTest::demandBearer;
        ImageException e = assertThrows(ImageException.class, () -> puller(root,
                credentials("{username: alice, password: wrong}")).pull(proxy.hostPort() + "/private/busybox:1"));
        assertTrue(e.getMessage().contains("refused a token"), e.getMessage());
        assertTrue(new ImageStore(root, new BlobStore(root)).list().isEmpty());
    }

    @Test
    void basicAuthIsSentOnceTheRegistryAsksForIt(@TempDir Path root) throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes());
        proxy.gate = exchange -> {
            if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                return true;
            }
            RegistryProxy.reply(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"registry\""), "");
            return false;
        };
        assertEquals(image.manifestDigest(), puller(root, credentials("{username: bob, password: pw}"))
                .pull(proxy.hostPort() + "/private/busybox:1").manifestDigest());
        ImageException e = assertThrows(ImageException.class,
                () -> puller(root, "").pull(proxy.hostPort() + "/private/busybox:1"));
        assertTrue(e.getMessage().contains("requires credentials"), e.getMessage());
    }
}
