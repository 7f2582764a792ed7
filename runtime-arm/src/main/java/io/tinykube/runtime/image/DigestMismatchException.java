package io.tinykube.runtime.image;

/** Content did not hash to the digest it was asked for: it is refused and never stored under that digest. */
public class DigestMismatchException extends ImageException {
    public DigestMismatchException(String expected, String actual) {
        super("content digest mismatch: expected " + expected + ", got " + actual);
    }
}
