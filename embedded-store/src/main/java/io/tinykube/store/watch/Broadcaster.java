package io.tinykube.store.watch;

import io.tinykube.store.api.CompactedException;
import io.tinykube.store.api.Event;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.api.Watch;
import io.tinykube.store.api.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Fans the log's events out to watches in this process. The {@link LogPoller} publishes every event once, in
 * revision order. A new watch first reads its history from the database up to what has been published, then
 * takes live events; a watch whose listener falls behind by more than the queue limit drops its queue and
 * catches up from the database the same way, so memory stays bounded and nothing is lost or repeated.
 */
public final class Broadcaster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broadcaster.class.getName());
    private static final int PAGE = 1000;

    private final EventSource history;
    private final LongSupplier compactRevision;
    private final int queueLimit;
    private final ExecutorService executor;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile long position;
    private volatile boolean closed;

    public Broadcaster(EventSource history, LongSupplier compactRevision, int queueLimit, long startPosition) {
        this.history = history;
        this.compactRevision = compactRevision;
        this.queueLimit = queueLimit;
        this.position = startPosition;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tinykube-store-watch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The newest revision published: every event up to it has been offered to the watches. */
    public long position() {
        return position;
    }

    /** Publishes events (all prefixes, revision order) up to {@code upTo}. Called by the poller thread only. */
    public void publish(List<Event> events, long upTo) {
        position = upTo; // first: a watch that reads this position then takes live events misses nothing
        for (Subscription s : subscriptions) {
            s.offer(events);
        }
    }

    /** Starts a watch delivering events with revision greater than {@code after}. */
    public Watch subscribe(String prefix, long after, WatchListener listener) {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        Subscription s = new Subscription(prefix, after, listener);
        subscriptions.add(s);
        s.schedule();
        return s;
    }

    public int watchCount() {
        return subscriptions.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Subscription s : subscriptions) {
            s.fail(new StoreException("the store is closed"));
        }
        executor.shutdown();
    }

    private final class Subscription implements Watch, Runnable {
        private final String prefix;
        private final WatchListener listener;
        private final ArrayDeque<Event> pending = new ArrayDeque<>();
        private long delivered; // touched by the running delivery task only (one at a time)
        private boolean catchUp = true; // read from the database before taking live events
        private boolean scheduled;
        private volatile boolean closed;

        Subscription(String prefix, long after, WatchListener listener) {
            this.prefix = prefix;
            this.listener = listener;
            this.delivered = after;
        }

        void offer(List<Event> events) {
            synchronized (this) {
                if (closed || catchUp) {
                    return;
                }
                boolean any = false;
                for (Event e : events) {
                    if (e.current().key().startsWith(prefix)) {
                        pending.add(e);
                        any = true;
                    }
                }
                if (pending.size() > queueLimit) {
                    pending.clear();
                    catchUp = true;
                } else if (!any) {
                    return;
                }
            }
            schedule();
        }

        void schedule() {
            synchronized (this) {
                if (scheduled || closed) {
                    return;
                }
                scheduled = true;
            }
            try {
                executor.execute(this);
            } catch (RuntimeException e) {
                synchronized (this) {
                    scheduled = false;
                }
                fail(new StoreException("the store is closed"));
            }
        }

        @Override
        public void run() {
            while (true) {
                long from = 0;
                long to = 0;
                List<Event> batch = null;
                synchronized (this) {
                    if (closed) {
                        scheduled = false;
                        return;
                    }
                    if (catchUp) {
                        catchUp = false;
                        pending.clear();
                        from = delivered;
                        to = position;
                    } else if (!pending.isEmpty()) {
                        batch = new ArrayList<>(Math.min(pending.size(), PAGE));
                        while (!pending.isEmpty() && batch.size() < PAGE) {
                            Event e = pending.poll();
                            if (e.revision() > delivered) {
                                batch.add(e);
                            }
                        }
                    } else {
                        scheduled = false;
                        return;
                    }
                }
                try {
                    if (batch == null) {
                        catchUp(from, to);
                    } else if (!batch.isEmpty()) {
                        deliver(batch);
                    }
                } catch (StoreException e) {
                    fail(e);
                    return;
                } catch (RuntimeException e) {
                    fail(new StoreException("the watch listener failed: " + e, e));
                    return;
                }
            }
        }

        private void catchUp(long from, long to) {
            long cursor = from;
            while (cursor < to && !closed) {
                checkCompacted(cursor);
                List<Event> page = history.read(prefix, cursor, to, PAGE);
                checkCompacted(cursor); // rows may have gone while we read
                if (page.isEmpty()) {
                    break;
                }
                deliver(page);
                cursor = page.get(page.size() - 1).revision();
                if (page.size() < PAGE) {
                    break;
                }
            }
            delivered = Math.max(delivered, to);
        }

        private void checkCompacted(long after) {
            long compact = compactRevision.getAsLong();
            if (after < compact) {
                throw new CompactedException(after, compact);
            }
        }

        private void deliver(List<Event> events) {
            if (closed) {
                return;
            }
            listener.onEvents(events);
            delivered = events.get(events.size() - 1).revision();
        }

        void fail(StoreException error) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                pending.clear();
            }
            subscriptions.remove(this);
            try {
                listener.onError(error);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a watch listener failed in onError", e);
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                pending.clear();
            }
            subscriptions.remove(this);
        }
    }
}
