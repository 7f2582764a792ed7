package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container process runs with the uid, gid and groups resolved from the image and the securityContext. */
class ContainerUserTest {
    private ContainerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void theProcessRunsAsTheResolvedUser() throws Exception {
        ContainerUser user = new UserResolver(fixture.rootfs).resolve("app", Optional.empty(), Optional.empty(), List.of(2000L));
        assertEquals(new ContainerUser(1000, 1000, List.of(10L, 44L, 2000L)), user);
        String out = fixture.output(fixture.spec("user", "id -u; id -g; id -G; grep -E '^(Uid|Gid|Groups)' /proc/self/status")
            .user(user).build());
        List<String> lines = out.lines().map(String::strip).toList();
        assertEquals(List.of("1000", "1000", "1000 10 44 2000"), lines.subList(0, 3));
        assertEquals("Uid:\t1000\t1000\t1000\t1000", lines.get(3));
        assertEquals("Gid:\t1000\t1000\t1000\t1000", lines.get(4));
    }

    @Test
    void userAndGroupNamesAndNumbersResolveLikeContainerd() {
        UserResolver resolver = new UserResolver(fixture.rootfs);
        assertEquals(new ContainerUser(0, 0, List.of(44L)), resolver.resolve("", Optional.empty(), Optional.empty(), List.of()));
        assertEquals(new ContainerUser(1000, 50, List.of(10L, 44L)), resolver.resolve("app:staff", Optional.empty(), Optional.empty(), List.of()));
        assertEquals(new ContainerUser(4242, 0, List.of()), resolver.resolve("4242", Optional.empty(), Optional.empty(), List.of()));
        assertEquals(new ContainerUser(4242, 7, List.of()), resolver.resolve("4242:7", Optional.empty(), Optional.empty(), List.of()));
        assertEquals(new ContainerUser(65534, 3000, List.of()), resolver.resolve("app", Optional.of(65534L), Optional.of(3000L), List.of()));
        assertThrows(ContainerException.class, () -> resolver.resolve("ghost", Optional.empty(), Optional.empty(), List.of()));
        assertThrows(ContainerException.class, () -> resolver.resolve("app:ghosts", Optional.empty(), Optional.empty(), List.of()));
    }

    @Test
    void passwdIsReadInsideTheRootfsEvenThroughAnEscapingSymlink() throws Exception {
        java.nio.file.Files.delete(fixture.rootfs.resolve("etc/passwd"));
        // Chroot-style: "/../../etc/passwd" stays inside the rootfs, where no passwd exists now.
        java.nio.file.Files.createSymbolicLink(fixture.rootfs.resolve("etc/passwd"), java.nio.file.Path.of("/../../../etc/passwd"));
        assertThrows(ContainerException.class,
            () -> new UserResolver(fixture.rootfs).resolve("root", Optional.empty(), Optional.empty(), List.of()));
    }

    @Test
    void runAsNonRootRefusesUidZero() {
        ContainerException refused = assertThrows(ContainerException.class,
            () -> fixture.supervisor.create(fixture.spec("nonroot", "true").runAsNonRoot(true).build()));
        assertEquals("container has runAsNonRoot and image will run as root", refused.getMessage());
        fixture.supervisor.create(fixture.spec("nonroot-ok", "true").runAsNonRoot(true)
            .user(new ContainerUser(1000, 1000, List.of())).build());
    }
}
