package io.tinykube.runtime.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 content digests ("sha256:&lt;64 hex&gt;"), the only algorithm registries use in practice. */
public final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    private Digests() {
    }

    public static boolean isValid(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /** Refuses anything but a well-formed sha256 digest, so it can safely become a file name. */
    public static String requireValid(String digest) throws ImageException {
        if (!isValid(digest)) {
            throw new ImageException("unsupported or malformed digest: " + digest);
        }
        return digest;
    }

    public static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String of(byte[] content) {
        return format(sha256().digest(content));
    }

    public static String format(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }
}
