package io.tinykube.runtime.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.logging.Logger;

/**
 * Pulls images from registries into the blob and image stores: resolves the reference through the registries.yaml
 * endpoints (mirrors first), picks this platform's manifest from an index, and downloads config and layers with
 * digest verification. Concurrent pulls of one image, and of one blob across images, share one download.
 */
public final class ImagePuller {
    private static final Logger LOG = Logger.getLogger(ImagePuller.class.getName());

    private final RegistriesConfig registries;
    private final ImageStore images;
    private final BlobStore blobs;
    private final Platform platform;
    private final RegistryClient client = new RegistryClient();
    private final SharedWork<String, Image> imagePulls = new SharedWork<>();
    private final SharedWork<String, Boolean> blobDownloads = new SharedWork<>();

    public ImagePuller(RegistriesConfig registries, ImageStore images, Platform platform) {
        this.registries = registries;
        this.images = images;
        this.blobs = images.blobs();
        this.platform = platform;
    }

    public Platform platform() {
        return platform;
    }

    /**
     * The image as the pull policy says: Always asks the registry (downloading only missing blobs), IfNotPresent
     * pulls only if absent, Never fails if absent.
     */
    public Image ensure(ImageReference reference, PullPolicy policy) throws IOException {
        Optional<Image> present = images.get(reference);
        return switch (policy) {
            case ALWAYS -> pull(reference);
            case IF_NOT_PRESENT -> present.isPresent() ? present.get() : pull(reference);
            case NEVER -> present.orElseThrow(() -> new ImageException("image " + reference
                    + " is not present and the pull policy is Never"));
        };
    }

    public Image pull(String reference) throws IOException {
        return pull(ImageReference.parse(reference));
    }

    public Image pull(ImageReference reference) throws IOException {
        return imagePulls.run(reference.toString(), () -> pullOnce(reference));
    }

    private Image pullOnce(ImageReference reference) throws IOException {
        List<String> failures = new ArrayList<>();
        List<RegistryEndpoint> endpoints = registries.endpoints(reference.domain());
        for (RegistryEndpoint endpoint : endpoints) {
            try {
                return pullFrom(endpoint, reference);
            } catch (IOException e) {
                LOG.fine(() -> "pull of " + reference + " from " + endpoint.base() + " failed: " + e);
                failures.add(endpoint.base() + ": " + e.getMessage());
                if (endpoints.size() == 1) {
                    throw e instanceof ImageException ? e : new ImageException("pull of " + reference
                            + " failed: " + e.getMessage(), e);
                }
            }
        }
        throw new ImageException("pull of " + reference + " failed at every endpoint: " + String.join("; ", failures));
    }

    private Image pullFrom(RegistryEndpoint endpoint, ImageReference reference) throws IOException {
        String repository = endpoint.repository(reference.repository());
        client.ping(endpoint);
        RegistryClient.FetchedManifest top = client.fetchManifest(endpoint, repository,
                reference.manifestReference());
        if (reference.digest() != null && !reference.digest().equals(top.digest())) {
            throw new DigestMismatchException(reference.digest(), top.digest());
        }
        Lock adding = blobs.addingLock();
        adding.lock();
        try {
            RegistryClient.FetchedManifest chosen = top;
            if (MediaTypes.isIndex(top.mediaType())) {
                ImageIndex index = ImageIndex.parse(top.content());
                Descriptor descriptor = index.select(platform).orElseThrow(() -> new ImageException("image "
                        + reference + " has no manifest for " + platform + " (it has "
                        + index.manifests().stream().map(d -> String.valueOf(d.platform())).toList() + ")"));
                chosen = client.fetchManifest(endpoint, repository, descriptor.digest());
                if (!chosen.digest().equals(descriptor.digest())) {
                    throw new DigestMismatchException(descriptor.digest(), chosen.digest());
                }
                if (!MediaTypes.isManifest(chosen.mediaType())) {
                    throw new ImageException("index entry " + descriptor.digest() + " of " + reference
                            + " is not an image manifest but " + chosen.mediaType());
                }
            }
            ImageManifest manifest = ImageManifest.parse(chosen.content(), chosen.mediaType());
            fetchBlob(endpoint, repository, manifest.config());
            for (Descriptor layer : manifest.layers()) {
                fetchBlob(endpoint, repository, layer);
            }
            ImageConfig.parse(blobs.read(manifest.config().digest()));
            blobs.put(top.digest(), top.content());
            blobs.put(chosen.digest(), chosen.content());
            return images.put(reference.toString(), top.digest(), chosen.digest());
        } finally {
            adding.unlock();
        }
    }

    private void fetchBlob(RegistryEndpoint endpoint, String repository, Descriptor blob) throws IOException {
        blobDownloads.run(blob.digest(), () -> {
            client.fetchBlob(endpoint, repository, blob, blobs);
            return Boolean.TRUE;
        });
    }
}
