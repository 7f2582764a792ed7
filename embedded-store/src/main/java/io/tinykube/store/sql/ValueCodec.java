package io.tinykube.store.sql;

import io.tinykube.store.api.StoreException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How values are stored: empty stays empty; otherwise one marker byte, then either the raw bytes (0) or the
 * uncompressed length as a varint and a raw deflate stream (1). Values are compressed when that saves at
 * least an eighth: Kubernetes JSON shrinks several times, which is that much less written to flash.
 */
public final class ValueCodec {
    private static final int RAW = 0;
    private static final int DEFLATE = 1;
    private static final int MIN_COMPRESS = 128;

    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(1, true));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private ValueCodec() {
    }

    public static byte[] encode(byte[] value) {
        if (value.length == 0) {
            return value;
        }
        if (value.length >= MIN_COMPRESS) {
            Deflater deflater = DEFLATER.get();
            deflater.reset();
            deflater.setInput(value);
            deflater.finish();
            int limit = value.length - value.length / 8;
            byte[] out = new byte[limit];
            int pos = 0;
            out[pos++] = DEFLATE;
            pos = putVarint(out, pos, value.length);
            while (!deflater.finished() && pos < limit) {
                pos += deflater.deflate(out, pos, limit - pos);
            }
            if (deflater.finished() && pos < limit) {
                return Arrays.copyOf(out, pos);
            }
        }
        byte[] out = new byte[value.length + 1];
        out[0] = RAW;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    public static byte[] decode(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return new byte[0];
        }
        switch (stored[0]) {
            case RAW:
                return Arrays.copyOfRange(stored, 1, stored.length);
            case DEFLATE: {
                int length = 0;
                int shift = 0;
                int pos = 1;
                while (true) {
                    byte b = stored[pos++];
                    length |= (b & 0x7f) << shift;
                    if (b >= 0) {
                        break;
                    }
                    shift += 7;
                }
                Inflater inflater = INFLATER.get();
                inflater.reset();
                inflater.setInput(stored, pos, stored.length - pos);
                byte[] out = new byte[length];
                try {
                    int n = 0;
                    while (n < length) {
                        int got = inflater.inflate(out, n, length - n);
                        if (got == 0 && (inflater.finished() || inflater.needsInput())) {
                            break;
                        }
                        n += got;
                    }
                    if (n != length) {
                        throw new StoreException("a stored value is damaged: expected " + length + " bytes, got " + n);
                    }
                } catch (DataFormatException e) {
                    throw new StoreException("a stored value is damaged: " + e.getMessage(), e);
                }
                return out;
            }
            default:
                throw new StoreException("a stored value has an unknown encoding " + stored[0]);
        }
    }

    private static int putVarint(byte[] out, int pos, int v) {
        while ((v & ~0x7f) != 0) {
            out[pos++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    /** For tests: the stored size of a value. */
    static int storedSize(byte[] value) {
        return encode(value).length;
    }
}
