package io.tinykube.runtime.image;

import java.io.IOException;

/** An image could not be pulled, imported or read: a registry error, a bogus manifest, a missing image. */
public class ImageException extends IOException {
    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
