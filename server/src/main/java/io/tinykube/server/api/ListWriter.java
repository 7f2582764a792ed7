package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.table.IncludeObject;
import io.tinykube.server.table.TableConvertor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes a list (a {@code …List} or a Table) while the store is read, a chunk at a time, so a list
 * of thousands of objects never sits in memory whole. Nothing is sent until the first chunk fills, so
 * an error on the first page still becomes a Status. {@code metadata} (its resourceVersion and
 * continue token are known only at the end) follows the items; JSON clients do not mind the order.
 */
final class ListWriter implements GenericStore.ListSink {
    static final int CHUNK_BYTES = 32 * 1024;
    static final int TABLE_BATCH = 128;
    static final long DRAIN_TIMEOUT_SECONDS = 60;

    private final HttpServerResponse response;
    private final ResourceType type;
    private final TableConvertor tables;
    private final IncludeObject include;
    private final Instant now = Instant.now();
    private final List<ObjectNode> tableBatch = new ArrayList<>();
    private Buffer chunk = Buffer.buffer(CHUNK_BYTES);
    private boolean started;
    private boolean firstItem = true;
    private boolean columnsWritten;

    /** {@code tables} null for a plain JSON list. */
    ListWriter(HttpServerResponse response, ResourceType type, TableConvertor tables, IncludeObject include) {
        this.response = response;
        this.type = type;
        this.tables = tables;
        this.include = include;
        if (tables == null) {
            append("{\"kind\":\"" + type.listKind() + "\",\"apiVersion\":\"" + type.apiVersion() + "\",\"items\":[");
        }
    }

    @Override
    public void item(ObjectNode object) {
        if (tables == null) {
            appendElement(Json.bytes(object));
            return;
        }
        tableBatch.add(object);
        if (tableBatch.size() >= TABLE_BATCH) {
            flushTableBatch();
        }
    }

    void finish(GenericStore.ListEnd end) {
        if (tables != null) {
            flushTableBatch();
        }
        ObjectNode metadata = Json.object().put("resourceVersion", Long.toString(end.revision()));
        if (end.continueToken() != null) {
            metadata.put("continue", end.continueToken());
        }
        append("],\"metadata\":");
        chunk.appendBytes(Json.bytes(metadata));
        append("}");
        if (!started) {
            response.setStatusCode(200).putHeader("Content-Type", "application/json").end(chunk);
        } else {
            response.end(chunk);
        }
    }

    private void flushTableBatch() {
        if (tableBatch.isEmpty() && columnsWritten) {
            return;
        }
        ObjectNode table = tables.toTable(type, tableBatch, include, null, null, !columnsWritten, now);
        if (!columnsWritten) {
            append("{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"columnDefinitions\":");
            chunk.appendBytes(Json.bytes(table.get("columnDefinitions")));
            append(",\"rows\":[");
            columnsWritten = true;
        }
        for (JsonNode row : table.get("rows")) {
            appendElement(Json.bytes(row));
        }
        tableBatch.clear();
    }

    private void appendElement(byte[] element) {
        if (!firstItem) {
            append(",");
        }
        firstItem = false;
        chunk.appendBytes(element);
        if (chunk.length() >= CHUNK_BYTES) {
            flush();
        }
    }

    private void append(String text) {
        chunk.appendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the chunk, waiting (on this worker thread) while the client is slower than the store. */
    private void flush() {
        if (!started) {
            response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "application/json");
            started = true;
        }
        response.write(chunk);
        chunk = Buffer.buffer(CHUNK_BYTES);
        if (response.writeQueueFull()) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            response.drainHandler(ignored -> drained.complete(null));
            response.closeHandler(ignored -> drained.completeExceptionally(new IllegalStateException("client went away")));
            if (!response.writeQueueFull()) {
                drained.complete(null);
            }
            try {
                drained.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a list", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the client stopped reading a list", e);
            }
        }
    }
}
