package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Mirrors, rewrites and credentials in k3s's {@code registries.yaml} format:
 *
 * <pre>
 * mirrors:
 *   docker.io:
 *     endpoint: ["https://mirror.example.com:5000"]
 *     rewrite: {"^library/(.*)": "mirror/$1"}
 * configs:
 *   mirror.example.com:5000:
 *     auth: {username: u, password: p}      # or auth: base64(u:p), or identitytoken
 *     tls: {ca_file: ..., cert_file: ..., key_file: ..., insecure_skip_verify: false}
 * </pre>
 *
 * A registry's mirrors are tried in order, then the registry itself (docker.io is registry-1.docker.io); a mirror
 * named {@code *} applies to every registry without its own entry. Rewrites apply to mirror endpoints only.
 */
public record RegistriesConfig(Map<String, Mirror> mirrors, Map<String, HostConfig> configs) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public record Mirror(List<String> endpoints, Map<String, String> rewrites) {
    }

    public record Auth(String username, String password, String auth, String identityToken) {
    }

    public record Tls(Path caFile, Path certFile, Path keyFile, boolean insecureSkipVerify) {
        public static final Tls DEFAULT = new Tls(null, null, null, false);
    }

    public record HostConfig(Auth auth, Tls tls) {
    }

    public static RegistriesConfig empty() {
        return new RegistriesConfig(Map.of(), Map.of());
    }

    /** A missing file is an empty configuration, as in k3s. */
    public static RegistriesConfig load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            return empty();
        }
    }

    public static RegistriesConfig parse(String yaml) throws ImageException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ImageException("registries.yaml is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return empty();
        }
        Map<String, Mirror> mirrors = new LinkedHashMap<>();
        for (var entry : iterable(root.path("mirrors"))) {
            List<String> endpoints = new ArrayList<>();
            entry.getValue().path("endpoint").forEach(e -> endpoints.add(e.asText()));
            Map<String, String> rewrites = new LinkedHashMap<>();
            for (var rewrite : iterable(entry.getValue().path("rewrite"))) {
                try {
                    Pattern.compile(rewrite.getKey());
                } catch (PatternSyntaxException e) {
                    throw new ImageException("registries.yaml: bad rewrite pattern " + rewrite.getKey());
                }
                rewrites.put(rewrite.getKey(), rewrite.getValue().asText());
            }
            for (String endpoint : endpoints) {
                endpointUri(endpoint);
            }
            mirrors.put(entry.getKey(), new Mirror(List.copyOf(endpoints), rewrites));
        }
        Map<String, HostConfig> configs = new LinkedHashMap<>();
        for (var entry : iterable(root.path("configs"))) {
            JsonNode a = entry.getValue().path("auth");
            JsonNode t = entry.getValue().path("tls");
            Auth auth = a.isObject() ? new Auth(text(a, "username"), text(a, "password"), text(a, "auth"),
                    text(a, "identitytoken")) : null;
            Tls tls = t.isObject() ? new Tls(path(t, "ca_file"), path(t, "cert_file"), path(t, "key_file"),
                    t.path("insecure_skip_verify").asBoolean(false)) : Tls.DEFAULT;
            configs.put(entry.getKey(), new HostConfig(auth, tls));
        }
        return new RegistriesConfig(mirrors, configs);
    }

    /** Where to pull images of registry {@code host} from, in order. */
    public List<RegistryEndpoint> endpoints(String host) throws ImageException {
        List<RegistryEndpoint> result = new ArrayList<>();
        Mirror mirror = mirrors.containsKey(host) ? mirrors.get(host) : mirrors.get("*");
        if (mirror != null) {
            for (String endpoint : mirror.endpoints()) {
                URI uri = endpointUri(endpoint);
                result.add(new RegistryEndpoint(uri, hostConfig(authority(uri), null), mirror.rewrites()));
            }
        }
        String upstream = host.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : host;
        URI uri = URI.create((RegistryEndpoint.isLoopback(upstream) ? "http://" : "https://") + upstream + "/v2");
        RegistryEndpoint direct = new RegistryEndpoint(uri, hostConfig(upstream, host), Map.of());
        if (result.stream().noneMatch(e -> e.base().equals(direct.base()))) {
            result.add(direct);
        }
        return result;
    }

    private HostConfig hostConfig(String endpointHost, String registryHost) {
        HostConfig config = configs.get(endpointHost);
        if (config == null && registryHost != null) {
            config = configs.get(registryHost);
        }
        return config != null ? config : new HostConfig(null, Tls.DEFAULT);
    }

    private static String authority(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** An endpoint URL; without a scheme it is https (http for loopback); without a path the API is at /v2. */
    static URI endpointUri(String endpoint) throws ImageException {
        String text = endpoint.contains("://") ? endpoint
                : (RegistryEndpoint.isLoopback(endpoint.split("/")[0]) ? "http://" : "https://") + endpoint;
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new ImageException("registries.yaml: bad endpoint " + endpoint);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ImageException("registries.yaml: endpoint must be an http(s) URL: " + endpoint);
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/") ? "/v2"
                : uri.getPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    public Optional<HostConfig> config(String host) {
        return Optional.ofNullable(configs.get(host));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Path path(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? null : Path.of(value);
    }
}
