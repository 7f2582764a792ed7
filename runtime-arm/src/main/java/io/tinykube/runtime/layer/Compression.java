package io.tinykube.runtime.layer;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** How a layer's tar stream is compressed, from its media type and, decisively, its first bytes. */
public enum Compression {
    NONE, GZIP, ZSTD;

    private static final int BUFFER = 64 * 1024;

    /**
     * The compression a media type announces. Docker's and OCI's layer types, foreign and non-distributable
     * variants included; anything that is not a tar layer is refused.
     */
    public static Compression ofMediaType(String mediaType) throws LayerException {
        if (mediaType == null || mediaType.isEmpty()) {
            return NONE;
        }
        String type = mediaType.trim();
        if (type.endsWith("+gzip") || type.endsWith(".tar.gzip")) {
            return GZIP;
        }
        if (type.endsWith("+zstd") || type.endsWith(".tar.zstd")) {
            return ZSTD;
        }
        if (type.endsWith(".tar") || type.endsWith("diff.tar")) {
            return NONE;
        }
        throw new LayerException("unsupported layer media type " + type);
    }

    /**
     * Decompresses {@code raw} after checking that the media type is a tar layer. The magic bytes decide, as
     * Docker's do: tools mislabel layers, and neither magic can start a tar header.
     */
    public static InputStream decompress(InputStream raw, String mediaType) throws IOException {
        ofMediaType(mediaType);
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        return switch (sniff(in)) {
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
            case NONE -> in;
        };
    }

    static Compression sniff(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }
}
