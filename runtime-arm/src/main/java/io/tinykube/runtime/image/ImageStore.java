package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Image names and what they point to, one small JSON file per name under {@code <root>/images} (named by the
 * name's hash, so any name is a safe file name). Manifests and configs are read from the {@link BlobStore}.
 */
public final class ImageStore {
    private final Path dir;
    private final BlobStore blobs;

    public ImageStore(Path root, BlobStore blobs) throws IOException {
        this.dir = Files.createDirectories(root.resolve("images"));
        this.blobs = blobs;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** Records {@code name} pointing at a manifest whose blobs are all in the blob store already. */
    public Image put(String name, String digest, String manifestDigest) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        node.put("digest", digest);
        node.put("manifest", manifestDigest);
        node.put("lastUsed", Instant.now().toString());
        write(name, node);
        return load(node);
    }

    public Optional<Image> get(String name) throws IOException {
        try {
            return Optional.of(load(Json.parse(Files.readAllBytes(file(name)), "image record")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public Optional<Image> get(ImageReference reference) throws IOException {
        return get(reference.toString());
    }

    public List<Image> list() throws IOException {
        List<Image> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                try {
                    result.add(load(Json.parse(Files.readAllBytes(file), "image record")));
                } catch (NoSuchFileException e) {
                    // Removed while listing.
                }
            }
        }
        return result;
    }

    /** Notes that a container started from the image now; garbage collection removes least recently used first. */
    public void markUsed(String name) throws IOException {
        Path file = file(name);
        try {
            ObjectNode node = (ObjectNode) Json.parse(Files.readAllBytes(file), "image record");
            node.put("lastUsed", Instant.now().toString());
            write(name, node);
        } catch (NoSuchFileException e) {
            throw new ImageException("image " + name + " is not present");
        }
    }

    /** Forgets the name; its blobs stay until {@link BlobStore#pruneUnreferenced} finds them unreferenced. */
    public boolean remove(String name) throws IOException {
        return Files.deleteIfExists(file(name));
    }

    Set<String> referencedBlobs() throws IOException {
        Set<String> result = new HashSet<>();
        for (Image image : list()) {
            result.addAll(image.blobs());
        }
        return result;
    }

    private Image load(JsonNode node) throws IOException {
        String manifestDigest = Digests.requireValid(node.path("manifest").asText(null));
        ImageManifest manifest = ImageManifest.parse(blobs.read(manifestDigest), null);
        ImageConfig config = ImageConfig.parse(blobs.read(manifest.config().digest()));
        return new Image(node.path("name").asText(), Digests.requireValid(node.path("digest").asText(null)),
                manifestDigest, manifest.config().digest(), manifest.layers(), config,
                Instant.parse(node.path("lastUsed").asText()));
    }

    private void write(String name, JsonNode node) throws IOException {
        Path temp = Files.createTempFile(dir, "record-", ".tmp");
        try {
            Files.write(temp, Json.bytes(node));
            Files.move(temp, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path file(String name) {
        return dir.resolve(Digests.hex(Digests.of(name.getBytes(StandardCharsets.UTF_8))) + ".json");
    }
}
