package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirectoriesTest {
    private static final PodLogRef POD = new PodLogRef("default", "web-7d4b9", "3f2a9c1e-1b2c-4d5e-8f90-123456789abc");
    private static final String CONTAINER_ID = "a".repeat(64);

    @TempDir
    Path root;

    @Test
    void pathsAreKubelets() {
        LogDirectories dirs = new LogDirectories(root.resolve("pods"), root.resolve("containers"));
        assertEquals(root.resolve("pods/default_web-7d4b9_3f2a9c1e-1b2c-4d5e-8f90-123456789abc/nginx/2.log"),
                dirs.containerLogFile(POD, "nginx", 2));
        assertEquals(root.resolve("containers/web-7d4b9_default_nginx-" + CONTAINER_ID + ".log"),
                dirs.symlink(POD, "nginx", CONTAINER_ID));
        assertEquals(Path.of("/var/log/pods/default_web-7d4b9_3f2a9c1e-1b2c-4d5e-8f90-123456789abc/nginx/0.log"),
                LogDirectories.kubeletDefaults().containerLogFile(POD, "nginx", 0));
    }

    @Test
    void longSymlinkNamesAreCutToExt4sLimit() {
        PodLogRef pod = new PodLogRef("n".repeat(63), "p".repeat(120), "uid");
        String name = LogDirectories.symlinkName(pod, "c".repeat(63), CONTAINER_ID);
        assertEquals(255, name.length());
        assertTrue(name.startsWith("p".repeat(120) + "_" + "n".repeat(63) + "_c"));
        assertTrue(name.endsWith("_" + "c".repeat(63) + "-aa.log"), name);
    }

    @Test
    void createsLinksAndRemovesAPodsLogsWithItsLinks() throws Exception {
        LogDirectories dirs = new LogDirectories(root.resolve("pods"), root.resolve("containers"));
        Path containerDir = dirs.createContainerDirectory(POD, "nginx");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(containerDir)));
        Path logFile = dirs.containerLogFile(POD, "nginx", 0);
        Files.writeString(logFile, "2026-01-01T00:00:01Z stdout F hi\n");

        Path link = dirs.link(POD, "nginx", CONTAINER_ID, logFile);
        assertEquals(logFile, Files.readSymbolicLink(link));
        Path restarted = dirs.containerLogFile(POD, "nginx", 1);
        assertEquals(restarted, Files.readSymbolicLink(dirs.link(POD, "nginx", CONTAINER_ID, restarted)));

        PodLogRef other = new PodLogRef("default", "other", "uid-2");
        Path otherFile = dirs.createContainerDirectory(other, "app").resolve("0.log");
        Path otherLink = dirs.link(other, "app", "b".repeat(64), otherFile);

        dirs.removePod(POD);
        assertFalse(Files.exists(dirs.podDirectory(POD)));
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(otherLink));
        dirs.removePod(POD);

        dirs.unlink(other, "app", "b".repeat(64));
        assertFalse(Files.exists(otherLink, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void namesThatWouldLeaveTheLogRootAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PodLogRef("..", "p", "u"));
        assertThrows(IllegalArgumentException.class, () -> new PodLogRef("ns", "a/b", "u"));
        LogDirectories dirs = new LogDirectories(root.resolve("pods"), root.resolve("containers"));
        assertThrows(IllegalArgumentException.class, () -> dirs.containerDirectory(POD, "../../etc"));
        assertThrows(IllegalArgumentException.class, () -> dirs.symlink(POD, "c", "../x"));
    }
}
