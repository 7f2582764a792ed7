package io.tinykube.runtime.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modes with their special bits, ownership, modification times and xattrs (we run as root). */
class LayerMetadataTest {
    @TempDir
    Path temp;

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    @Test
    void modesOwnershipAndTimes() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        dirs.apply(TestTar.layer()
                .file("usr/bin/passwd", "suid", 04755, 0, 0)
                .file("usr/bin/wall", "sgid", 02755, 0, 5)
                .file("home/user/notes", "mine", 0600, 1000, 1000)
                .dir("tmp", 01777)
                .dir("readonly", 0555)
                .file("readonly/inside", "written before the dir became read-only")
                .symlink("home/user/link", "notes")
                .tar());
        assertEquals(04755, mode(dirs.target.resolve("usr/bin/passwd")));
        assertEquals(02755, mode(dirs.target.resolve("usr/bin/wall")));
        assertEquals(5, Files.getAttribute(dirs.target.resolve("usr/bin/wall"), "unix:gid"));
        assertEquals(01777, mode(dirs.target.resolve("tmp")));
        assertEquals(0555, mode(dirs.target.resolve("readonly")));
        Path notes = dirs.target.resolve("home/user/notes");
        assertEquals(0600, mode(notes));
        assertEquals(1000, Files.getAttribute(notes, "unix:uid"));
        assertEquals(1000, Files.getAttribute(notes, "unix:gid"));
        assertEquals(FileTime.fromMillis(1_600_000_000_000L), Files.getLastModifiedTime(notes));
        assertEquals(0, Files.getAttribute(dirs.target.resolve("home/user/link"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void userXattrsAreSetAndUnsupportedOnesSkipped() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        UnpackResult result = dirs.apply(TestTar.layer().fileWithXattrs("tagged", "x",
                Map.of("user.origin", "tinykube", "bogus.namespace", "refused")).tar());
        UserDefinedFileAttributeView view = Files.getFileAttributeView(dirs.target.resolve("tagged"),
                UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(view.size("origin"));
        view.read("origin", value);
        assertEquals("tinykube", new String(value.array(), StandardCharsets.UTF_8));
        assertEquals(1, result.skippedOther(), "the filesystem refused bogus.namespace");
    }
}
