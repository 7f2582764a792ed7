package io.tinykube.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The OCI distribution API, read side: {@code GET /v2/}, manifests and blobs, with auth challenges answered, redirects
 * followed without credentials (blob storage on another host must not see them), and blob downloads resumed with a
 * Range request from what an interrupted attempt left on disk.
 */
public final class RegistryClient {
    private static final Logger LOG = Logger.getLogger(RegistryClient.class.getName());
    /** containerd's limit: a manifest is metadata, not a stream. */
    static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final int BLOB_ATTEMPTS = 4;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

    /** A manifest or index as served, with the media type from its Content-Type. */
    public record FetchedManifest(String mediaType, byte[] content, String digest) {
    }

    private final Map<RegistriesConfig.Tls, HttpClient> clients = new ConcurrentHashMap<>();
    private final RegistryAuthenticator authenticator = new RegistryAuthenticator();

    /** {@code GET /v2/}: the endpoint speaks the API (200, or 401 asking for credentials). */
    public void ping(RegistryEndpoint endpoint) throws IOException {
        HttpResponse<InputStream> response = send(endpoint, null, URI.create(endpoint.base() + "/"), null, null);
        try (InputStream body = response.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        int status = response.statusCode();
        if (status != 200 && status != 401) {
            throw new ImageException("registry " + endpoint.base() + " does not speak the v2 API: HTTP " + status);
        }
    }

    public FetchedManifest fetchManifest(RegistryEndpoint endpoint, String repository, String reference)
            throws IOException {
        URI uri = URI.create(endpoint.base() + "/" + repository + "/manifests/" + reference);
        HttpResponse<InputStream> response = send(endpoint, repository, uri, MediaTypes.MANIFEST_ACCEPT, null);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response, body, "manifest " + repository + ":" + reference + " at " + endpoint.base());
            }
            byte[] content = body.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (content.length > MAX_MANIFEST_BYTES) {
                throw new ImageException("manifest " + repository + ":" + reference + " is larger than 4 MiB");
            }
            String mediaType = response.headers().firstValue("Content-Type").map(RegistryClient::stripParameters)
                    .orElse("");
            return new FetchedManifest(ManifestKinds.resolve(mediaType, content), content, Digests.of(content));
        }
    }

    /** Downloads a blob into the store unless it is there already, resuming after a broken connection. */
    public void fetchBlob(RegistryEndpoint endpoint, String repository, Descriptor blob, BlobStore store)
            throws IOException {
        if (store.contains(blob.digest())) {
            return;
        }
        Path partial = store.partialPath(blob.digest());
        URI uri = URI.create(endpoint.base() + "/" + repository + "/blobs/" + blob.digest());
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= BLOB_ATTEMPTS; attempt++) {
            long have = Files.exists(partial) ? Files.size(partial) : 0;
            if (have > blob.size()) {
                Files.delete(partial);
                have = 0;
            }
            if (have == blob.size() && have > 0) {
                break;
            }
            HttpResponse<InputStream> response = send(endpoint, repository, uri, null,
                    have > 0 ? "bytes=" + have + "-" : null);
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                boolean append;
                if (status == 206 && response.headers().firstValue("Content-Range").orElse("")
                        .startsWith("bytes " + have + "-")) {
                    append = true;
                } else if (status == 200) {
                    append = false;
                } else if (status == 416) {
                    // The partial file is not a prefix the server recognizes: start over.
                    Files.deleteIfExists(partial);
                    lastFailure = new ImageException("registry refused resuming " + blob.digest());
                    continue;
                } else {
                    throw failure(response, body, "blob " + blob.digest() + " of " + repository + " at "
                            + endpoint.base());
                }
                copy(body, partial, append, blob.size());
                lastFailure = null;
                break;
            } catch (IOException e) {
                if (e instanceof ImageException) {
                    throw e;
                }
                LOG.fine(() -> "download of " + blob.digest() + " interrupted, will resume: " + e);
                lastFailure = e;
            }
        }
        if (lastFailure != null) {
            throw new ImageException("download of " + blob.digest() + " failed after " + BLOB_ATTEMPTS
                    + " attempts: " + lastFailure.getMessage(), lastFailure);
        }
        if (Files.size(partial) != blob.size()) {
            Files.deleteIfExists(partial);
            throw new ImageException("blob " + blob.digest() + " is not the " + blob.size()
                    + " bytes its descriptor says");
        }
        store.commitPartial(blob.digest());
    }

    /** Copies at most {@code limit} bytes in total into the partial file; more than that is a lying server. */
    private static void copy(InputStream body, Path partial, boolean append, long limit) throws IOException {
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = append ? Files.size(partial) : 0;
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (written + n > limit) {
                    throw new ImageException("registry sent more than the " + limit + " bytes the descriptor says");
                }
                out.write(buffer, 0, n);
                written += n;
            }
        }
    }

    private HttpResponse<InputStream> send(RegistryEndpoint endpoint, String repository, URI uri, String accept,
            String range) throws IOException {
        HttpClient client = client(endpoint);
        String scope = repository == null ? null : "repository:" + repository + ":pull";
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = request(uri, accept, range);
            authenticator.header(endpoint, scope).ifPresent(h -> request.header("Authorization", h));
            HttpResponse<InputStream> response = exchange(client, request.build());
            for (int redirects = 0; isRedirect(response.statusCode()); redirects++) {
                if (redirects == MAX_REDIRECTS) {
                    throw new ImageException("too many redirects fetching " + uri);
                }
                URI location = response.request().uri().resolve(response.headers().firstValue("Location")
                        .orElseThrow(() -> new ImageException("redirect without Location from " + uri)));
                response.body().close();
                response = exchange(client, request(location, accept, range).build());
            }
            if (response.statusCode() != 401 || attempt > 0 || scope == null) {
                return response;
            }
            AuthChallenge challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate")
                    .orElse(null));
            response.body().close();
            if (!authenticator.authenticate(client, endpoint, scope, challenge)) {
                throw new ImageException("registry " + endpoint.authority() + " requires credentials for "
                        + repository + " (configure them in registries.yaml)");
            }
        }
    }

    private static HttpRequest.Builder request(URI uri, String accept, String range) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET();
        if (accept != null) {
            builder.header("Accept", accept).timeout(METADATA_TIMEOUT);
        }
        if (range != null) {
            builder.header("Range", range);
        }
        return builder;
    }

    private static HttpResponse<InputStream> exchange(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while talking to " + request.uri().getAuthority());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static ImageException failure(HttpResponse<InputStream> response, InputStream body, String what)
            throws IOException {
        String detail = new String(body.readNBytes(512), java.nio.charset.StandardCharsets.UTF_8).trim();
        String message = switch (response.statusCode()) {
            case 404 -> what + " not found";
            case 401, 403 -> what + ": access denied (HTTP " + response.statusCode() + ")";
            default -> what + ": HTTP " + response.statusCode();
        };
        return new ImageException(detail.isEmpty() ? message : message + ": " + detail);
    }

    private HttpClient client(RegistryEndpoint endpoint) throws ImageException {
        RegistriesConfig.Tls tls = endpoint.config().tls();
        HttpClient existing = clients.get(tls);
        if (existing != null) {
            return existing;
        }
        HttpClient created = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT)
                .sslContext(TlsContexts.create(tls)).build();
        HttpClient raced = clients.putIfAbsent(tls, created);
        return raced != null ? raced : created;
    }

    private static String stripParameters(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
