package io.tinykube.runtime.layer;

/**
 * What unpacking one layer did: entries read, bytes of regular files written, device nodes and fifos skipped
 * because they were not allowed, and attributes or entries skipped because the filesystem or the tar refused.
 */
public record UnpackResult(long entries, long fileBytes, int skippedNodes, int skippedOther) {
}
