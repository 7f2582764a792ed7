package io.tinykube.server.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a server needs to be reached safely, kept under {@code <data-dir>/server}: a server CA and
 * its serving certificate, a client CA and the admin's client certificate, and the join token that
 * carries the server CA's hash (as k3s's {@code K10…} tokens do) so that agents can verify the server
 * on first contact.
 */
public final class ClusterCredentials {
    /** The cluster IP of the {@code kubernetes} service: first address of the service CIDR 10.43.0.0/16. */
    static final String KUBERNETES_SERVICE_IP = "10.43.0.1";
    static final List<String> KUBERNETES_DNS_NAMES = List.of("localhost", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");
    /** Reissue a leaf certificate this long before it expires. */
    static final Duration RENEW_BEFORE = Duration.ofDays(90);

    private final Path tlsDir;
    private final CertificateAuthority serverCa;
    private final CertificateAuthority clientCa;
    private final String token;

    private ClusterCredentials(Path tlsDir, CertificateAuthority serverCa, CertificateAuthority clientCa, String token) {
        this.tlsDir = tlsDir;
        this.serverCa = serverCa;
        this.clientCa = clientCa;
        this.token = token;
    }

    /**
     * Loads or creates the CAs, (re)issues the serving certificate when its names changed or it nears
     * expiry, issues the admin certificate, and settles the join token.
     */
    public static ClusterCredentials prepare(Path serverDir, String nodeName, List<String> extraSans, String givenToken) {
        Path tlsDir = serverDir.resolve("tls");
        long now = Instant.now().getEpochSecond();
        CertificateAuthority serverCa = CertificateAuthority.loadOrCreate(tlsDir, "server-ca", "tinykube-server-ca@" + now);
        CertificateAuthority clientCa = CertificateAuthority.loadOrCreate(tlsDir, "client-ca", "tinykube-client-ca@" + now);
        ClusterCredentials credentials = new ClusterCredentials(tlsDir, serverCa, clientCa,
                settleToken(serverDir.resolve("token"), serverCa, givenToken));
        credentials.ensureServing(nodeName, extraSans);
        credentials.ensureClient("client-admin", "system:admin", List.of("system:masters"));
        credentials.ensureServiceAccountKey();
        return credentials;
    }

    public Path servingCertificate() {
        return tlsDir.resolve("serving.crt");
    }

    public Path servingKey() {
        return tlsDir.resolve("serving.key");
    }

    /** The CA whose client certificates the server trusts. */
    public Path clientCa() {
        return clientCa.certificateFile();
    }

    public String token() {
        return token;
    }

    /** Writes a kubeconfig for the admin (system:masters), mode 0600. */
    public void writeAdminKubeconfig(Path file, String serverUrl) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: default
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: default
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: default
                  context:
                    cluster: default
                    user: default
                current-context: default
                preferences: {}
                """.formatted(serverUrl, base64(serverCa.certificateFile()),
                base64(tlsDir.resolve("client-admin.crt")), base64(tlsDir.resolve("client-admin.key")));
        PemFiles.writePrivate(file, kubeconfig);
    }

    private void ensureServing(String nodeName, List<String> extraSans) {
        Set<String> dnsNames = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        dnsNames.add(nodeName);
        dnsNames.addAll(KUBERNETES_DNS_NAMES);
        ips.add("127.0.0.1");
        ips.add(normalizeIp("::1"));
        ips.add(KUBERNETES_SERVICE_IP);
        ips.addAll(hostAddresses());
        for (String san : extraSans) {
            if (looksLikeIp(san)) {
                ips.add(normalizeIp(san));
            } else {
                dnsNames.add(san);
            }
        }
        Path crt = servingCertificate();
        if (Files.exists(crt) && Files.exists(servingKey()) && current(crt, serverCa) && sansOf(crt).equals(union(dnsNames, ips))) {
            return;
        }
        CertificateAuthority.Issued issued = serverCa.issueServing("tinykube", List.copyOf(dnsNames), List.copyOf(ips));
        PemFiles.writePrivate(servingKey(), issued.keyPem());
        PemFiles.writePublic(crt, issued.certificatePem() + CertificateAuthority.pem(serverCa.certificate()));
    }

    private void ensureClient(String fileName, String user, List<String> groups) {
        Path crt = tlsDir.resolve(fileName + ".crt");
        Path key = tlsDir.resolve(fileName + ".key");
        if (Files.exists(crt) && Files.exists(key) && current(crt, clientCa)) {
            return;
        }
        CertificateAuthority.Issued issued = clientCa.issueClient(user, groups);
        PemFiles.writePrivate(key, issued.keyPem());
        PemFiles.writePublic(crt, issued.certificatePem());
    }

    /** Valid for a while yet and signed by the CA we have now (a regenerated CA invalidates old leaves). */
    private static boolean current(Path crt, CertificateAuthority ca) {
        X509Certificate certificate = CertificateAuthority.readCertificate(crt);
        try {
            certificate.verify(ca.certificate().getPublicKey());
            certificate.checkValidity(java.util.Date.from(Instant.now().plus(RENEW_BEFORE)));
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** The key pair that signs service account tokens (a JWT signing key, not a certificate). */
    private void ensureServiceAccountKey() {
        Path key = tlsDir.resolve("service-account.key");
        Path publicKey = tlsDir.resolve("service-account.pub");
        if (Files.exists(key) && Files.exists(publicKey)) {
            return;
        }
        java.security.KeyPair pair = CertificateAuthority.newKeyPair();
        PemFiles.writePrivate(key, CertificateAuthority.pemPrivateKey(pair.getPrivate()));
        PemFiles.writePublic(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    private static Set<String> sansOf(Path crt) {
        try {
            Set<String> names = new LinkedHashSet<>();
            var alternatives = CertificateAuthority.readCertificate(crt).getSubjectAlternativeNames();
            for (List<?> entry : alternatives == null ? List.<List<?>>of() : alternatives) {
                String value = String.valueOf(entry.get(1));
                names.add(((Integer) entry.get(0)) == 7 ? normalizeIp(value) : value);
            }
            return names;
        } catch (CertificateParsingException e) {
            return Collections.emptySet();
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> hostAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(normalizeIp(address.getHostAddress().replaceFirst("%.*$", "")));
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces to read: the certificate still covers loopback and the names given.
        }
        return addresses;
    }

    private static boolean looksLikeIp(String value) {
        return value.matches("[0-9.]+") || value.contains(":");
    }

    private static String normalizeIp(String ip) {
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    /** k3s's token format: {@code K10<sha256 of the CA certificate>::server:<secret>}. */
    private static String settleToken(Path file, CertificateAuthority serverCa, String given) {
        try {
            String prefix = "K10" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(serverCa.certificateFile()))) + "::server:";
            String token;
            if (given != null && !given.isBlank()) {
                token = given.startsWith("K10") ? given : prefix + given;
            } else if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            } else {
                byte[] secret = new byte[16];
                new SecureRandom().nextBytes(secret);
                token = prefix + HexFormat.of().formatHex(secret);
            }
            PemFiles.writePrivate(file, token + "\n");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
