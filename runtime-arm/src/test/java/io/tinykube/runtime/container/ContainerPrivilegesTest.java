package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Capabilities, no_new_privs and the seccomp filter, as /proc/self/status shows them inside. */
class ContainerPrivilegesTest {
    private ContainerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private Map<String, String> status(ContainerSpec spec) throws Exception {
        return fixture.output(spec).lines().filter(l -> l.contains(":\t"))
            .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf('\t') + 1).strip()));
    }

    private static String hex(Set<String> capabilities) {
        return String.format("%016x", Capabilities.mask(capabilities));
    }

    @Test
    void rootGetsTheDefaultCapabilitiesAndNothingMore() throws Exception {
        Map<String, String> status = status(fixture.spec("caps", "cat /proc/self/status").build());
        assertEquals(hex(Capabilities.DEFAULT), status.get("CapEff"));
        assertEquals(hex(Capabilities.DEFAULT), status.get("CapPrm"));
        assertEquals(hex(Capabilities.DEFAULT), status.get("CapBnd"));
        assertEquals(hex(Set.of()), status.get("CapInh"));
        assertEquals(hex(Set.of()), status.get("CapAmb"));
        assertEquals("0", status.get("NoNewPrivs"));
    }

    @Test
    void addAndDropFollowTheSecurityContext() throws Exception {
        Set<String> capabilities = Capabilities.resolve(false, List.of("NET_ADMIN"), List.of("ALL"));
        Map<String, String> status = status(fixture.spec("caps-add", "cat /proc/self/status").capabilities(capabilities).build());
        assertEquals(hex(Set.of("net_admin")), status.get("CapEff"));
        assertEquals(hex(Set.of("net_admin")), status.get("CapBnd"));
    }

    @Test
    void aNonRootUserHasNoEffectiveCapabilitiesButTheBoundingSet() throws Exception {
        Map<String, String> status = status(fixture.spec("caps-user", "cat /proc/self/status")
            .user(new ContainerUser(1000, 1000, List.of())).build());
        assertEquals(hex(Set.of()), status.get("CapEff"));
        assertEquals(hex(Set.of()), status.get("CapPrm"));
        assertEquals(hex(Set.of()), status.get("CapInh"));
        assertEquals(hex(Capabilities.DEFAULT), status.get("CapBnd"));
    }

    @Test
    void privilegedGetsEveryCapabilityAndNoFilter() throws Exception {
        Map<String, String> status = status(fixture.spec("privileged", "cat /proc/self/status").privileged(true).build());
        assertEquals(status.get("CapBnd"), status.get("CapEff"));
        assertEquals("0", status.get("Seccomp"));
    }

    @Test
    void allowPrivilegeEscalationFalseSetsNoNewPrivs() throws Exception {
        Map<String, String> status = status(fixture.spec("nnp", "cat /proc/self/status").noNewPrivileges(true).build());
        assertEquals("1", status.get("NoNewPrivs"));
    }

    @Test
    void runtimeDefaultSeccompRefusesUserNamespaces() throws Exception {
        String filtered = fixture.output(fixture.spec("seccomp", "grep Seccomp: /proc/self/status; unshare -U true && echo allowed || echo refused").build());
        assertEquals(List.of("Seccomp:\t2", "refused"), filtered.lines().toList());
        String unconfined = fixture.output(fixture.spec("unconfined", "grep Seccomp: /proc/self/status; unshare -U true && echo allowed || echo refused")
            .seccomp(SeccompProfile.UNCONFINED).build());
        assertEquals(List.of("Seccomp:\t0", "allowed"), unconfined.lines().toList());
    }
}
