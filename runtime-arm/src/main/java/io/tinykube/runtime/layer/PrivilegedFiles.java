package io.tinykube.runtime.layer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file operations the JDK cannot do: device nodes (overlay whiteouts are char devices 0/0) and extended
 * attributes outside the {@code user.} namespace ({@code trusted.overlay.opaque}, {@code security.capability}).
 * Neither follows a symlink at {@code path}.
 */
public interface PrivilegedFiles {
    enum NodeType { CHARACTER_DEVICE, BLOCK_DEVICE, FIFO }

    void makeNode(Path path, NodeType type, int major, int minor, int mode) throws IOException;

    void setXattr(Path path, String name, byte[] value) throws IOException;
}
