package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization for registry requests. Basic auth is sent once a registry has asked for it; bearer tokens come from
 * the realm a {@code WWW-Authenticate: Bearer} challenge names and are cached per registry and scope until they
 * expire.
 */
final class RegistryAuthenticator {
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    private record Token(String value, Instant expires) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> basicHosts = new ConcurrentHashMap<>();

    /** The Authorization header to send for {@code scope} at this endpoint, if one is known. */
    Optional<String> header(RegistryEndpoint endpoint, String scope) {
        Token token = tokens.get(key(endpoint, scope));
        if (token != null && token.expires().isAfter(Instant.now())) {
            return Optional.of("Bearer " + token.value());
        }
        if (basicHosts.containsKey(endpoint.authority())) {
            return credentials(endpoint).map(c -> "Basic " + base64(c));
        }
        return Optional.empty();
    }

    /** Answers a 401's challenge so the request can be retried; false if there is nothing more to try. */
    boolean authenticate(HttpClient client, RegistryEndpoint endpoint, String scope, AuthChallenge challenge)
            throws IOException {
        if (challenge.isBasic()) {
            if (credentials(endpoint).isEmpty() || basicHosts.containsKey(endpoint.authority())) {
                return false;
            }
            basicHosts.put(endpoint.authority(), true);
            return true;
        }
        if (!challenge.isBearer()) {
            throw new ImageException("registry " + endpoint.authority() + " asks for unsupported auth scheme "
                    + challenge.scheme());
        }
        String realm = challenge.parameters().get("realm");
        if (realm == null || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
            throw new ImageException("bearer challenge from " + endpoint.authority() + " has no http(s) realm");
        }
        String challengedScope = challenge.parameters().getOrDefault("scope", scope);
        Token token = fetchToken(client, endpoint, URI.create(realm), challenge.parameters().get("service"),
                challengedScope);
        tokens.put(key(endpoint, scope), token);
        return true;
    }

    private Token fetchToken(HttpClient client, RegistryEndpoint endpoint, URI realm, String service, String scope)
            throws IOException {
        RegistriesConfig.Auth auth = endpoint.config().auth();
        StringBuilder query = new StringBuilder();
        if (service != null) {
            query.append("service=").append(encode(service));
        }
        if (scope != null) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        }
        HttpRequest.Builder request;
        if (auth != null && auth.identityToken() != null && !auth.identityToken().isEmpty()) {
            // An identity token is an OAuth2 refresh token: exchanged by POST, as Docker does.
            String form = "grant_type=refresh_token&client_id=tinykube&refresh_token="
                    + encode(auth.identityToken()) + (query.length() > 0 ? "&" + query : "");
            request = HttpRequest.newBuilder(realm).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            String separator = realm.getRawQuery() == null ? "?" : "&";
            request = HttpRequest.newBuilder(URI.create(realm + (query.length() > 0 ? separator + query : ""))).GET();
            credentials(endpoint).ifPresent(c -> request.header("Authorization", "Basic " + base64(c)));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while fetching a registry token");
        }
        if (response.statusCode() != 200) {
            throw new ImageException("token server " + realm.getAuthority() + " refused a token for " + scope
                    + ": HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (check the credentials in registries.yaml)" : ""));
        }
        JsonNode body = Json.parse(response.body(), "token response");
        String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new ImageException("token server " + realm.getAuthority() + " returned no token");
        }
        long seconds = body.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
        return new Token(value, Instant.now().plus(lifetime).minus(EXPIRY_MARGIN));
    }

    private static Optional<String> credentials(RegistryEndpoint endpoint) {
        RegistriesConfig.Auth auth = endpoint.config().auth();
        if (auth == null) {
            return Optional.empty();
        }
        if (auth.username() != null && !auth.username().isEmpty()) {
            return Optional.of(auth.username() + ":" + (auth.password() == null ? "" : auth.password()));
        }
        if (auth.auth() != null && !auth.auth().isEmpty()) {
            return Optional.of(new String(Base64.getDecoder().decode(auth.auth().trim()), StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    private static String key(RegistryEndpoint endpoint, String scope) {
        return endpoint.authority() + " " + scope;
    }

    private static String base64(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
