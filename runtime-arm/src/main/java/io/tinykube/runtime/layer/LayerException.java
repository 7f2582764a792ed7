package io.tinykube.runtime.layer;

import java.io.IOException;

/** A layer that cannot be unpacked: malformed, hostile or unsupported. The message names the entry. */
public class LayerException extends IOException {
    public LayerException(String message) {
        super(message);
    }

    public LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
