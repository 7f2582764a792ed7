package io.tinykube.runtime.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * One layer of an image as the snapshotters need it: its digest (the manifest's, naming the unpacked directory),
 * its media type and a way to read the blob, whose digest the blob store has verified.
 */
public record LayerBlob(String digest, String mediaType, Opener opener) {
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+:[a-f0-9]{32,128}");

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public LayerBlob {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a layer digest: " + digest);
        }
    }

    /** The digest as a path below the layers directory: {@code sha256/<hex>}. */
    String relativeDirectory() {
        return digest.replace(':', '/');
    }
}
