/**
 * PATCH for the API server: {@link io.tinykube.server.patch.Patches#apply} decodes a body and applies it with
 * {@link io.tinykube.server.patch.JsonPatch} (RFC 6902, as {@code evanphx/json-patch.v4}),
 * {@link io.tinykube.server.patch.JsonMergePatch} (RFC 7386) or
 * {@link io.tinykube.server.patch.StrategicMergePatch} (upstream's {@code strategicpatch}, driven by
 * {@link io.tinykube.server.schema.FieldSchema}). Upstream Kubernetes is the specification: results, element
 * orders, error messages and codes follow {@code k8s.io/apiserver}'s patch handler; the package-private
 * {@code GoJson} and {@code GoValues} reproduce the Go decoding and formatting those messages are made of.
 */
package io.tinykube.server.patch;
