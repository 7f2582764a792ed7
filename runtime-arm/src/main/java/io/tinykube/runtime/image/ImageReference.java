package io.tinykube.runtime.image;

import java.util.regex.Pattern;

/**
 * An image reference normalized as Docker does: {@code busybox} is {@code docker.io/library/busybox:latest}; the
 * first path component is a registry host only if it has a dot or a colon, or is {@code localhost}. The tag is null
 * when only a digest was given; with both, the digest is what gets pulled.
 */
public record ImageReference(String domain, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

    public static ImageReference parse(String reference) {
        if (reference == null || reference.isEmpty() || reference.length() > 4096) {
            throw new IllegalArgumentException("invalid image reference: empty or too long");
        }
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!Digests.isValid(digest)) {
                throw new IllegalArgumentException("invalid image reference " + reference + ": bad digest");
            }
        }
        String domain = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase().equals(first)) {
                domain = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid image reference " + reference + ": bad tag");
            }
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("invalid image reference " + reference + ": bad registry host");
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("invalid image reference " + reference
                        + ": repository must be lowercase letters, digits and separators");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(domain, rest, tag, digest);
    }

    /** What the manifest is fetched by: the digest if there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** {@code domain/repository}, without tag or digest. */
    public String name() {
        return domain + "/" + repository;
    }

    public ImageReference withDigest(String newDigest) {
        return new ImageReference(domain, repository, null, newDigest);
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
