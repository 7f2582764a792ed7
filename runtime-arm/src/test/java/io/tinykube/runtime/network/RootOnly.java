package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;

/** Tests that change the kernel's network state need root; CI always has it, so there they never skip. */
final class RootOnly {
    private RootOnly() {
    }

    static void assumeRoot() {
        boolean root = new UnixSystem().getUid() == 0;
        if (!root && "true".equals(System.getenv("CI"))) {
            fail("network tests need root and must not be skipped in CI");
        }
        assumeTrue(root, "network tests need root");
    }
}
