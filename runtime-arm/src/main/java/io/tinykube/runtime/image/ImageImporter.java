package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Imports images from {@code docker save} tarballs (manifest.json, with the legacy repositories file for names) and
 * OCI-archive tarballs (oci-layout + index.json, named by the org.opencontainers.image.ref.name or
 * io.containerd.image.name annotation), plain, gzip'd or zstd'd. Every blob is hashed on the way in; nothing is
 * recorded unless all of an image's blobs are stored and verified. The tarball is read in a few passes rather than
 * unpacked to a temporary directory.
 */
public final class ImageImporter {
    private static final Logger LOG = Logger.getLogger(ImageImporter.class.getName());
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final List<String> TARBALL_SUFFIXES = List.of(".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.zstd",
            ".tzst");
    private static final int MAX_INDEX_DEPTH = 4;

    /** What {@link #importDirectory} did: image names per tarball, and an error message per tarball that failed. */
    public record DirectoryImport(Map<Path, List<String>> imported, Map<Path, String> failed) {
    }

    private record Ingested(String digest, long size, Compression compression) {
    }

    private final ImageStore images;
    private final BlobStore blobs;
    private final Platform platform;

    public ImageImporter(ImageStore images, Platform platform) {
        this.images = images;
        this.blobs = images.blobs();
        this.platform = platform;
    }

    /** Imports every image in the tarball; returns their names. */
    public List<String> importTarball(Path tarball) throws IOException {
        Map<String, byte[]> metadata = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        scan(tarball, (name, entry, content) -> {
            if (entry.isSymbolicLink() || entry.isLink()) {
                links.put(name, entry.isSymbolicLink() ? resolve(name, entry.getLinkName())
                        : normalize(entry.getLinkName()));
            } else if (entry.isFile() && Set.of("manifest.json", "repositories", "index.json", "oci-layout")
                    .contains(name)) {
                metadata.put(name, readSmall(content, name));
            }
        });
        Lock adding = blobs.addingLock();
        adding.lock();
        try {
            if (metadata.containsKey("manifest.json")) {
                return importDockerSave(tarball, metadata, links);
            }
            if (metadata.containsKey("index.json") && metadata.containsKey("oci-layout")) {
                return importOciArchive(tarball, metadata);
            }
            throw new ImageException(tarball + " is neither a docker save tarball (manifest.json) nor an OCI archive "
                    + "(oci-layout and index.json)");
        } finally {
            adding.unlock();
        }
    }

    /** Imports every tarball in {@code directory} (airgap images, as k3s's agent/images); one bad file stops none. */
    public DirectoryImport importDirectory(Path directory) throws IOException {
        Map<Path, List<String>> imported = new LinkedHashMap<>();
        Map<Path, String> failed = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return new DirectoryImport(imported, failed);
        }
        List<Path> tarballs;
        try (Stream<Path> files = Files.list(directory)) {
            tarballs = files.filter(Files::isRegularFile)
                    .filter(p -> TARBALL_SUFFIXES.stream().anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        }
        for (Path tarball : tarballs) {
            try {
                imported.put(tarball, importTarball(tarball));
            } catch (IOException | RuntimeException e) {
                LOG.warning("cannot import " + tarball + ": " + e.getMessage());
                failed.put(tarball, e.getMessage());
            }
        }
        return new DirectoryImport(imported, failed);
    }

    private List<String> importDockerSave(Path tarball, Map<String, byte[]> metadata, Map<String, String> links)
            throws IOException {
        JsonNode manifest = parseArray(metadata.get("manifest.json"), "manifest.json");
        Map<String, List<String>> tagsByTopLayer = legacyRepositories(metadata.get("repositories"));
        Set<String> wanted = new HashSet<>();
        for (JsonNode entry : manifest) {
            wanted.add(follow(text(entry, "Config"), links));
            for (JsonNode layer : entry.path("Layers")) {
                wanted.add(follow(layer.asText(), links));
            }
        }
        Map<String, Ingested> ingested = ingest(tarball, wanted, Map.of());
        List<String> names = new ArrayList<>();
        for (JsonNode entry : manifest) {
            Ingested config = ingested.get(follow(text(entry, "Config"), links));
            ImageConfig parsed = ImageConfig.parse(blobs.read(config.digest()));
            List<Descriptor> layers = new ArrayList<>();
            String topLayer = null;
            for (JsonNode layer : entry.path("Layers")) {
                Ingested blob = ingested.get(follow(layer.asText(), links));
                if (blob.compression() == Compression.NONE && parsed.diffIds().size() > layers.size()
                        && !parsed.diffIds().get(layers.size()).equals(blob.digest())) {
                    throw new DigestMismatchException(parsed.diffIds().get(layers.size()), blob.digest());
                }
                layers.add(new Descriptor(blob.compression().ociLayerMediaType(), blob.digest(), blob.size()));
                topLayer = layer.asText();
            }
            if (parsed.diffIds().size() != layers.size()) {
                throw new ImageException(tarball + ": image config lists " + parsed.diffIds().size()
                        + " layers, manifest.json " + layers.size());
            }
            String manifestDigest = blobs.put(new ImageManifest(MediaTypes.OCI_MANIFEST,
                    new Descriptor(MediaTypes.OCI_CONFIG, config.digest(), config.size()), layers).toJson());
            List<String> tags = new ArrayList<>();
            entry.path("RepoTags").forEach(t -> tags.add(t.asText()));
            if (tags.isEmpty() && topLayer != null) {
                tags.addAll(tagsByTopLayer.getOrDefault(topLayer.replaceAll("/layer\\.tar$", ""), List.of()));
            }
            if (tags.isEmpty()) {
                throw new ImageException(tarball + ": image " + config.digest() + " has no name (RepoTags and "
                        + "repositories are empty)");
            }
            for (String tag : tags) {
                String name = ImageReference.parse(tag).toString();
                images.put(name, manifestDigest, manifestDigest);
                names.add(name);
            }
        }
        return names;
    }

    /** The legacy {@code repositories} file: {"busybox": {"latest": "<top layer id>"}}. */
    private static Map<String, List<String>> legacyRepositories(byte[] content) throws ImageException {
        Map<String, List<String>> result = new HashMap<>();
        if (content == null) {
            return result;
        }
        JsonNode root = Json.parse(content, "repositories");
        root.fields().forEachRemaining(repo -> repo.getValue().fields().forEachRemaining(tag -> result
                .computeIfAbsent(tag.getValue().asText(), k -> new ArrayList<>())
                .add(repo.getKey() + ":" + tag.getKey())));
        return result;
    }

    private List<String> importOciArchive(Path tarball, Map<String, byte[]> metadata) throws IOException {
        if (!Json.parse(metadata.get("oci-layout"), "oci-layout").hasNonNull("imageLayoutVersion")) {
            throw new ImageException(tarball + ": oci-layout has no imageLayoutVersion");
        }
        ImageIndex top = ImageIndex.parse(metadata.get("index.json"));
        record Named(String name, Descriptor top, Descriptor manifest) {
        }
        List<Named> resolved = new ArrayList<>();
        for (Descriptor descriptor : top.manifests()) {
            String name = imageName(tarball, descriptor);
            Descriptor current = descriptor;
            for (int depth = 0; MediaTypes.isIndex(current.mediaType()); depth++) {
                if (depth == MAX_INDEX_DEPTH) {
                    throw new ImageException(tarball + ": indexes nested too deep under " + name);
                }
                ImageIndex nested = ImageIndex.parse(readBlobs(tarball, List.of(current)).get(current.digest()));
                Descriptor from = current;
                current = nested.select(platform).orElseThrow(() -> new ImageException(tarball + ": " + name
                        + " (" + from.digest() + ") has no manifest for " + platform));
            }
            if (!MediaTypes.isManifest(current.mediaType())) {
                throw new ImageException(tarball + ": " + name + " points at unsupported " + current.mediaType());
            }
            resolved.add(new Named(name, descriptor, current));
        }
        List<Descriptor> metadataBlobs = new ArrayList<>();
        resolved.forEach(n -> {
            metadataBlobs.add(n.top());
            metadataBlobs.add(n.manifest());
        });
        Map<String, byte[]> documents = readBlobs(tarball, metadataBlobs);
        Map<String, String> expected = new HashMap<>();
        for (Named named : resolved) {
            ImageManifest manifest = ImageManifest.parse(documents.get(named.manifest().digest()),
                    named.manifest().mediaType());
            expected.put(blobPath(manifest.config().digest()), manifest.config().digest());
            manifest.layers().forEach(l -> expected.put(blobPath(l.digest()), l.digest()));
        }
        ingest(tarball, expected.keySet(), expected);
        List<String> names = new ArrayList<>();
        for (Named named : resolved) {
            blobs.put(named.top().digest(), documents.get(named.top().digest()));
            blobs.put(named.manifest().digest(), documents.get(named.manifest().digest()));
            ImageConfig.parse(blobs.read(ImageManifest.parse(documents.get(named.manifest().digest()), null)
                    .config().digest()));
            images.put(named.name(), named.top().digest(), named.manifest().digest());
            names.add(named.name());
        }
        return names;
    }

    /** containerd's name annotation, else the OCI ref name if it is a whole reference (a bare tag names nothing). */
    private static String imageName(Path tarball, Descriptor descriptor) throws ImageException {
        String name = descriptor.annotations().get(CONTAINERD_NAME);
        if (name == null) {
            name = descriptor.annotations().get(REF_NAME);
            if (name != null && !name.contains("/") && !name.contains(":")) {
                throw new ImageException(tarball + ": ref.name '" + name + "' is only a tag; the archive must name "
                        + "its images with a full reference (e.g. docker.io/library/busybox:" + name + ")");
            }
        }
        if (name == null) {
            throw new ImageException(tarball + ": index.json entry " + descriptor.digest() + " has no "
                    + REF_NAME + " annotation");
        }
        try {
            return ImageReference.parse(name).toString();
        } catch (IllegalArgumentException e) {
            throw new ImageException(tarball + ": " + e.getMessage());
        }
    }

    /** Reads small blobs (indexes, manifests) of an OCI archive into memory, verifying each against its digest. */
    private Map<String, byte[]> readBlobs(Path tarball, List<Descriptor> wanted) throws IOException {
        Map<String, String> digestsByPath = new HashMap<>();
        wanted.forEach(d -> digestsByPath.put(blobPath(d.digest()), d.digest()));
        Map<String, byte[]> result = new HashMap<>();
        scan(tarball, (name, entry, content) -> {
            String digest = digestsByPath.get(name);
            if (digest != null && entry.isFile()) {
                byte[] bytes = readSmall(content, name);
                String actual = Digests.of(bytes);
                if (!actual.equals(digest)) {
                    throw new DigestMismatchException(digest, actual);
                }
                result.put(digest, bytes);
            }
        });
        for (Descriptor d : wanted) {
            if (!result.containsKey(d.digest())) {
                throw new ImageException(tarball + " lacks blob " + d.digest());
            }
        }
        return result;
    }

    /** Copies the wanted entries into the blob store; an entry listed in {@code expected} must hash to it. */
    private Map<String, Ingested> ingest(Path tarball, Set<String> wanted, Map<String, String> expected)
            throws IOException {
        Map<String, Ingested> result = new HashMap<>();
        scan(tarball, (name, entry, content) -> {
            if (!wanted.contains(name) || !entry.isFile() || result.containsKey(name)) {
                return;
            }
            BufferedInputStream buffered = new BufferedInputStream(content);
            buffered.mark(4);
            byte[] head = buffered.readNBytes(4);
            buffered.reset();
            String digest = blobs.put(expected.get(name), buffered);
            result.put(name, new Ingested(digest, blobs.size(digest), Compression.ofMagic(head, head.length)));
        });
        for (String name : wanted) {
            if (!result.containsKey(name)) {
                throw new ImageException(tarball + " lacks " + name);
            }
        }
        return result;
    }

    private interface EntryVisitor {
        void visit(String name, TarArchiveEntry entry, InputStream content) throws IOException;
    }

    private static void scan(Path tarball, EntryVisitor visitor) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball), 64 * 1024)) {
            file.mark(4);
            byte[] head = file.readNBytes(4);
            file.reset();
            InputStream decompressed = switch (Compression.ofMagic(head, head.length)) {
                case GZIP -> new GzipCompressorInputStream(file, true);
                case ZSTD -> new ZstdCompressorInputStream(file);
                case NONE -> file;
            };
            TarArchiveInputStream tar = new TarArchiveInputStream(decompressed);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                visitor.visit(normalize(entry.getName()), entry, tar);
            }
        }
    }

    private static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        return n;
    }

    /** A symlink's target as a tarball path; one leaving the tarball resolves to nothing we would read. */
    private static String resolve(String linkName, String target) {
        if (target.startsWith("/")) {
            return normalize(target);
        }
        List<String> parts = new ArrayList<>(List.of(linkName.split("/")));
        parts.remove(parts.size() - 1);
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return "";
                }
                parts.remove(parts.size() - 1);
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static String follow(String path, Map<String, String> links) {
        String current = normalize(path);
        for (int hops = 0; hops < 8 && links.containsKey(current); hops++) {
            current = links.get(current);
        }
        return current;
    }

    private static String blobPath(String digest) {
        return "blobs/sha256/" + Digests.hex(digest);
    }

    private static byte[] readSmall(InputStream content, String name) throws IOException {
        byte[] bytes = content.readNBytes(RegistryClient.MAX_MANIFEST_BYTES + 1);
        if (bytes.length > RegistryClient.MAX_MANIFEST_BYTES) {
            throw new ImageException(name + " is larger than 4 MiB");
        }
        return bytes;
    }

    private static JsonNode parseArray(byte[] content, String what) throws ImageException {
        try {
            JsonNode node = Json.MAPPER.readTree(content);
            if (node == null || !node.isArray()) {
                throw new ImageException(what + " is not a JSON array");
            }
            return node;
        } catch (IOException e) {
            throw e instanceof ImageException ie ? ie : new ImageException(what + " is not valid JSON", e);
        }
    }

    private static String text(JsonNode node, String field) throws ImageException {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new ImageException("manifest.json entry has no " + field);
        }
        return value;
    }
}
