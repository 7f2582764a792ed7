package io.tinykube.bench.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The parts of an admin kubeconfig (as {@code tinykube server --write-kubeconfig} writes it: one cluster,
 * one user with inline client certificate and key) that a plain HTTPS client needs: the server URL and
 * an SSLContext that trusts the cluster CA and presents the client certificate.
 */
public final class Kubeconfig {
    public final String server;
    public final SSLContext ssl;

    private Kubeconfig(String server, SSLContext ssl) {
        this.server = server;
        this.ssl = ssl;
    }

    public static Kubeconfig read(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file);
        String server = field(text, "server");
        Certificate[] cas = certificates(decode(field(text, "certificate-authority-data")));
        Certificate[] chain = certificates(decode(field(text, "client-certificate-data")));
        PrivateKey key = privateKey(new String(decode(field(text, "client-key-data")), StandardCharsets.US_ASCII));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "bench".toCharArray();
        keys.setKeyEntry("client", key, password, chain);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < cas.length; i++) {
            trust.setCertificateEntry("ca" + i, cas[i]);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);

        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return new Kubeconfig(server, ssl);
    }

    private static String field(String yaml, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + ":\\s*\"?([^\"\\s]+)\"?\\s*$").matcher(yaml);
        if (!m.find()) {
            throw new IllegalArgumentException("kubeconfig has no " + name);
        }
        return m.group(1);
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static Certificate[] certificates(byte[] pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                .toArray(new Certificate[0]);
    }

    /** SEC1 ({@code EC PRIVATE KEY}) or PKCS#8 ({@code PRIVATE KEY}) PEM. */
    private static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("unsupported client key: " + (object == null ? "none" : object.getClass()));
        }
    }
}
