package io.tinykube.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority kept as two PEM files, issuing ECDSA P-256 certificates (cheap to make on a
 * Raspberry Pi and accepted by every Kubernetes client).
 */
public final class CertificateAuthority {
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(365);

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Path certificateFile;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key, Path certificateFile) {
        this.certificate = certificate;
        this.key = key;
        this.certificateFile = certificateFile;
    }

    /** Loads the CA stored as {@code name.crt}/{@code name.key} in {@code dir}, creating it on first use. */
    public static CertificateAuthority loadOrCreate(Path dir, String name, String commonName) {
        Path crt = dir.resolve(name + ".crt");
        Path keyFile = dir.resolve(name + ".key");
        if (Files.exists(crt) && Files.exists(keyFile)) {
            return new CertificateAuthority(readCertificate(crt), readKey(keyFile), crt);
        }
        KeyPair pair = newKeyPair();
        X500Name subject = name(commonName, List.of());
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair.getPrivate());
            PemFiles.writePrivate(keyFile, pemEcPrivateKey(pair));
            PemFiles.writePublic(crt, pem(certificate));
            return new CertificateAuthority(certificate, pair.getPrivate(), crt);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create certificate authority " + crt, e);
        }
    }

    public Path certificateFile() {
        return certificateFile;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Issues a TLS server certificate for the given DNS names and IP addresses. */
    public Issued issueServing(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
        int i = 0;
        for (String dns : dnsNames) {
            names[i++] = new GeneralName(GeneralName.dNSName, dns);
        }
        for (String ip : ipAddresses) {
            names[i++] = new GeneralName(GeneralName.iPAddress, ip);
        }
        return issue(name(commonName, List.of()), KeyPurposeId.id_kp_serverAuth, new GeneralNames(names));
    }

    /** Issues a client certificate: Kubernetes reads the user from CN and the groups from O. */
    public Issued issueClient(String user, List<String> groups) {
        return issue(name(user, groups), KeyPurposeId.id_kp_clientAuth, null);
    }

    private Issued issue(X500Name subject, KeyPurposeId purpose, GeneralNames subjectAltNames) {
        KeyPair pair = newKeyPair();
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(LEAF_VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            return new Issued(pem(sign(builder, key)), pemEcPrivateKey(pair));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject, e);
        }
    }

    /** A certificate and its private key, both PEM. */
    public record Issued(String certificatePem, String keyPem) {
    }

    private static X500Name name(String commonName, List<String> organizations) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (String organization : organizations) {
            builder.addRDN(BCStyle.O, organization);
        }
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JVM", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, new SecureRandom());
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PKCS#8, for keys only tinykube reads. */
    static String pemPrivateKey(PrivateKey privateKey) {
        return pemBlock("PRIVATE KEY", privateKey.getEncoded());
    }

    /**
     * SEC1 ({@code EC PRIVATE KEY}) with the curve and public key inside, as k3s writes its keys: the one
     * form that Go's TLS stack, Vert.x, BouncyCastle and fabric8 (which takes PKCS#8 for RSA) all read.
     */
    static String pemEcPrivateKey(KeyPair pair) {
        java.security.interfaces.ECPrivateKey privateKey = (java.security.interfaces.ECPrivateKey) pair.getPrivate();
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo publicKey =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        try {
            byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(privateKey.getParams().getOrder().bitLength(), privateKey.getS(),
                    publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters()).getEncoded();
            return pemBlock("EC PRIVATE KEY", sec1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pemBlock(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static X509Certificate readCertificate(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            return new JcaX509CertificateConverter().getCertificate((org.bouncycastle.cert.X509CertificateHolder) object);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("cannot read certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            return converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) object);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("cannot read private key " + file + ": " + e.getMessage(), e);
        }
    }
}
