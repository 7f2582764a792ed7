package io.tinykube.runtime.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Removes images at disk pressure as kubelet does: once usage reaches the high threshold, least recently used
 * images first until usage is down to the low threshold. Images in use are never removed.
 */
public final class ImageGarbageCollector {
    /** kubelet's imageGCHighThresholdPercent and imageGCLowThresholdPercent. */
    public record Thresholds(int highPercent, int lowPercent) {
        public static final Thresholds KUBELET_DEFAULT = new Thresholds(85, 80);

        public Thresholds {
            if (lowPercent < 0 || highPercent > 100 || lowPercent > highPercent) {
                throw new IllegalArgumentException("need 0 <= low <= high <= 100, got low " + lowPercent
                        + " high " + highPercent);
            }
        }
    }

    public record Result(List<String> removedImages, long freedBytes) {
    }

    private final ImageStore images;
    private final DiskUsage disk;
    private final Thresholds thresholds;

    public ImageGarbageCollector(ImageStore images, DiskUsage disk, Thresholds thresholds) {
        this.images = images;
        this.disk = disk;
        this.thresholds = thresholds;
    }

    /**
     * Frees space if usage is at or above the high threshold. {@code inUse} holds names or image IDs (config
     * digests) of images that running or created containers use.
     */
    public Result collect(Set<String> inUse) throws IOException {
        long capacity = disk.capacityBytes();
        long available = disk.availableBytes();
        if (capacity <= 0 || (capacity - available) * 100 < thresholds.highPercent() * capacity) {
            return new Result(List.of(), 0);
        }
        long toFree = capacity * (100 - thresholds.lowPercent()) / 100 - available;
        List<Image> candidates = new ArrayList<>(images.list());
        candidates.removeIf(image -> inUse.contains(image.name()) || inUse.contains(image.id())
                || inUse.contains(image.digest()));
        candidates.sort(Comparator.comparing(Image::lastUsed));
        List<String> removed = new ArrayList<>();
        long freed = 0;
        for (Image image : candidates) {
            if (freed >= toFree) {
                break;
            }
            images.remove(image.name());
            removed.add(image.name());
            // Blobs shared with images that stay are kept; only what nothing references any more frees space.
            freed += images.blobs().pruneUnreferenced(images);
        }
        return new Result(removed, freed);
    }
}
