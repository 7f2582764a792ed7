package io.tinykube.runtime.container;

/** securityContext.seccompProfile types we enforce; Localhost profiles are not supported. */
public enum SeccompProfile { RUNTIME_DEFAULT, UNCONFINED }
