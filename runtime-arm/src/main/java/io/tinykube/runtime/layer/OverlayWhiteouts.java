package io.tinykube.runtime.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Whiteouts in overlayfs's own form, for a layer directory used as an overlay lower dir: a character device
 * 0/0 hides the lower entry of its name, {@code trusted.overlay.opaque=y} hides a directory's lower content.
 */
final class OverlayWhiteouts implements WhiteoutStrategy {
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private final PrivilegedFiles privileged;
    private final List<Path> lowerLayers;

    OverlayWhiteouts(PrivilegedFiles privileged, List<Path> lowerLayers) {
        this.privileged = privileged;
        this.lowerLayers = List.copyOf(lowerLayers);
    }

    @Override
    public void whiteout(LayerWrite write, List<String> dir, String name) throws IOException {
        Path victim = write.paths().directory(dir, true).orElseThrow().resolve(name);
        if (write.writtenByThisLayer(victim) || RootedPaths.attributesOrNull(victim) != null) {
            return;
        }
        privileged.makeNode(victim, PrivilegedFiles.NodeType.CHARACTER_DEVICE, 0, 0, 0);
        write.recordWhiteout(victim);
    }

    @Override
    public void opaque(LayerWrite write, List<String> dir) throws IOException {
        Path directory = write.paths().directory(dir, true).orElseThrow();
        privileged.setXattr(directory, OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Optional<Path> lowerHardLinkTarget(List<String> target) throws IOException {
        if (target.isEmpty()) {
            return Optional.empty();
        }
        List<String> dir = target.subList(0, target.size() - 1);
        String name = target.get(target.size() - 1);
        for (Path lower : lowerLayers) {
            Optional<Path> parent = new RootedPaths(lower).directory(dir, false);
            if (parent.isEmpty()) {
                continue;
            }
            Path candidate = parent.get().resolve(name);
            BasicFileAttributes attributes = RootedPaths.attributesOrNull(candidate);
            if (attributes != null) {
                return attributes.isRegularFile() ? Optional.of(candidate) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
