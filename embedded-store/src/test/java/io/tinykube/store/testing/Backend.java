package io.tinykube.store.testing;

/** The databases every semantic test runs against. */
public enum Backend {
    H2,
    POSTGRES
}
