package io.tinykube.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.WatchEvent;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.ResourceType;
import io.tinykube.store.api.Watch;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watch responses: a chunked stream of {@code {"type":…,"object":…}} lines. Initial state (for
 * resourceVersion unset or "0", or sendInitialEvents=true) comes first as ADDED events, then every
 * change after that revision; bookmarks when allowed; the stream ends at timeoutSeconds.
 */
@ApplicationScoped
public class WatchStreams {
    /** Upstream closes watches without timeoutSeconds after 30–60 minutes. */
    static final long DEFAULT_TIMEOUT_SECONDS = 1800;
    static final long BOOKMARK_INTERVAL_MS = 60_000;

    @Inject
    Vertx vertx;

    @Inject
    Responses responses;

    @Inject
    io.tinykube.server.metrics.Metrics metrics;

    public void start(RoutingContext context, GenericStore store, String namespace, String name) {
        HttpServerRequest request = context.request();
        ResourceType type = store.type();
        LabelSelector labels = LabelSelector.parse(request.getParam("labelSelector"));
        String fieldSelector = request.getParam("fieldSelector");
        if (name != null) {
            fieldSelector = (fieldSelector == null || fieldSelector.isEmpty() ? "" : fieldSelector + ",") + "metadata.name=" + name;
        }
        FieldSelector fields = FieldSelector.parse(fieldSelector, store.fieldLabels());
        String resourceVersion = request.getParam("resourceVersion");
        boolean sendInitialEvents = ResourceRoutes.isTrue(request.getParam("sendInitialEvents"));
        boolean bookmarks = ResourceRoutes.isTrue(request.getParam("allowWatchBookmarks"));
        long timeoutSeconds = request.getParam("timeoutSeconds") != null
                ? ResourceRoutes.parseInt(request.getParam("timeoutSeconds"), "timeoutSeconds")
                : DEFAULT_TIMEOUT_SECONDS + ThreadLocalRandom.current().nextLong(DEFAULT_TIMEOUT_SECONDS);
        boolean initial = sendInitialEvents || resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0");
        long after = initial ? 0 : ResourceRoutes.parseRevision(resourceVersion);

        Sink sink = isWebSocket(request) ? webSocket(request) : chunked(context.response());
        Stream stream = new Stream(sink, type, (object, first) -> responses.watchObject(context, type, object, first));
        if (initial) {
            GenericStore.Page page = store.list(namespace, labels, fields, 0, null, 0);
            for (ObjectNode object : page.items()) {
                stream.write("ADDED", object);
            }
            after = page.revision();
            if (sendInitialEvents) {
                stream.bookmark(after, true);
            }
        }
        stream.lastRevision.set(after);
        try {
            stream.watch = store.watch(namespace, labels, fields, after, stream::deliver, stream::fail);
        } catch (ApiException e) {
            stream.fail(e);
            return;
        }
        long timer = vertx.setTimer(Math.max(timeoutSeconds, 1) * 1000, id -> stream.close());
        long bookmarkTimer = bookmarks ? vertx.setPeriodic(BOOKMARK_INTERVAL_MS, id -> stream.bookmark(stream.lastRevision.get(), false)) : -1;
        sink.closeHandler(stream::close);
        metrics.watch(type.group(), type.plural(), 1);
        stream.onClose = () -> {
            metrics.watch(type.group(), type.plural(), -1);
            vertx.cancelTimer(timer);
            if (bookmarkTimer >= 0) {
                vertx.cancelTimer(bookmarkTimer);
            }
        };
        if (stream.closed.get()) {
            stream.onClose.run(); // closed before the timers existed
        }
    }

    private static boolean isWebSocket(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Where events go: a chunked HTTP response, or text messages on a WebSocket (as fabric8 watches). */
    private interface Sink {
        boolean full();

        void write(Buffer line);

        void end();

        void closeHandler(Runnable onClose);
    }

    private static Sink chunked(HttpServerResponse response) {
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "application/json");
        // Clients wait for the headers before they count the watch as established.
        response.writeHead();
        return new Sink() {
            @Override
            public boolean full() {
                return response.writeQueueFull();
            }

            @Override
            public void write(Buffer line) {
                response.write(line);
            }

            @Override
            public void end() {
                if (!response.ended()) {
                    response.end();
                }
            }

            @Override
            public void closeHandler(Runnable onClose) {
                response.closeHandler(ignored -> onClose.run());
            }
        };
    }

    private static Sink webSocket(HttpServerRequest request) {
        ServerWebSocket socket;
        try {
            socket = request.toWebSocket().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.badRequest("websocket upgrade failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.internal("interrupted");
        }
        return new Sink() {
            @Override
            public boolean full() {
                return socket.writeQueueFull();
            }

            @Override
            public void write(Buffer line) {
                socket.writeTextMessage(line.toString());
            }

            @Override
            public void end() {
                if (!socket.isClosed()) {
                    socket.close();
                }
            }

            @Override
            public void closeHandler(Runnable onClose) {
                socket.closeHandler(ignored -> onClose.run());
            }
        };
    }

    /** One open watch. */
    private static final class Stream {
        final Sink sink;
        final ResourceType type;
        final java.util.function.BiFunction<ObjectNode, Boolean, ObjectNode> render;
        boolean first = true;
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicLong lastRevision = new AtomicLong();
        volatile Watch watch;
        volatile Runnable onClose;

        Stream(Sink sink, ResourceType type, java.util.function.BiFunction<ObjectNode, Boolean, ObjectNode> render) {
            this.sink = sink;
            this.render = render;
            this.type = type;
        }

        void deliver(List<WatchEvent> events) {
            for (WatchEvent event : events) {
                write(event.type(), event.object());
                lastRevision.set(event.revision());
            }
        }

        /** An object event, rendered as the client asked (a one-row Table for kubectl get -w). */
        synchronized void write(String eventType, ObjectNode object) {
            ObjectNode rendered = render.apply(object, first);
            first = false;
            writeRaw(eventType, rendered);
        }

        synchronized void writeRaw(String eventType, ObjectNode object) {
            if (closed.get()) {
                return;
            }
            if (sink.full()) {
                // A client that does not read is dropped, as upstream drops slow watchers; it re-watches.
                close();
                return;
            }
            ObjectNode event = Json.object().put("type", eventType);
            event.set("object", object);
            Buffer line = Json.write(event).appendString("\n");
            sink.write(line);
        }

        void bookmark(long revision, boolean initialEventsEnd) {
            ObjectNode object = Json.object().put("kind", type.kind()).put("apiVersion", type.apiVersion());
            ObjectNode metadata = object.putObject("metadata").put("resourceVersion", Long.toString(revision));
            if (initialEventsEnd) {
                metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
            }
            writeRaw("BOOKMARK", object);
        }

        void fail(ApiException error) {
            writeRaw("ERROR", error.toStatus());
            close();
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (watch != null) {
                watch.close();
            }
            if (onClose != null) {
                onClose.run();
            }
            try {
                sink.end();
            } catch (IllegalStateException alreadyEnded) {
                // the client went away first
            }
        }
    }
}
