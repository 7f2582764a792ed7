package io.tinykube.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bound service account tokens as upstream issues them: ES256 JWTs with the {@code kubernetes.io}
 * claim, signed by the key in {@code <data-dir>/server/tls/service-account.key}.
 */
@ApplicationScoped
public class ServiceAccountTokens {
    public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";

    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;
    private final String keyId;

    public ServiceAccountTokens(@ConfigProperty(name = "tinykube.server-dir") Path serverDir) {
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            signingKey = ec.generatePrivate(new PKCS8EncodedKeySpec(pem(serverDir.resolve("tls/service-account.key"))));
            byte[] publicKey = pem(serverDir.resolve("tls/service-account.pub"));
            verifyingKey = ec.generatePublic(new X509EncodedKeySpec(publicKey));
            keyId = URL.encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the service account key in " + serverDir + " is unusable: " + e.getMessage(), e);
        }
    }

    /** The subject of a valid token. */
    public record Subject(String namespace, String name, String uid) {
        public String username() {
            return "system:serviceaccount:" + namespace + ":" + name;
        }

        public List<String> groups() {
            return List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
        }
    }

    public String issue(String namespace, String name, String uid, List<String> audiences, Instant issuedAt, long expirationSeconds) {
        ObjectNode header = Json.object().put("alg", "ES256").put("kid", keyId);
        ObjectNode claims = Json.object();
        audiences.forEach(claims.putArray("aud")::add);
        claims.put("exp", issuedAt.getEpochSecond() + expirationSeconds)
                .put("iat", issuedAt.getEpochSecond())
                .put("iss", ISSUER)
                .put("jti", UUID.randomUUID().toString());
        ObjectNode kubernetes = claims.putObject("kubernetes.io").put("namespace", namespace);
        kubernetes.putObject("serviceaccount").put("name", name).put("uid", uid);
        claims.put("nbf", issuedAt.getEpochSecond()).put("sub", "system:serviceaccount:" + namespace + ":" + name);
        String signingInput = URL.encodeToString(Json.bytes(header)) + "." + URL.encodeToString(Json.bytes(claims));
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(signingKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a service account token", e);
        }
    }

    /** The token's subject when its signature, issuer and lifetime check out. */
    public Optional<Subject> verify(String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(verifyingKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long epoch = now.getEpochSecond();
            if (!ISSUER.equals(claims.path("iss").asText()) || claims.path("exp").asLong(0) < epoch || claims.path("nbf").asLong(0) > epoch + 60) {
                return Optional.empty();
            }
            JsonNode account = claims.path("kubernetes.io");
            return Optional.of(new Subject(account.path("namespace").asText(), account.path("serviceaccount").path("name").asText(),
                    account.path("serviceaccount").path("uid").asText()));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] pem(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
