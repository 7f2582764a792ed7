package io.tinykube.server.controller.runtime;

import java.time.Duration;

/** What a reconcile asks of its queue: nothing, a retry with back-off, or another look after a delay. */
public record Result(Kind kind, Duration after) {
    public enum Kind { DONE, RETRY, AFTER }

    public static final Result DONE = new Result(Kind.DONE, null);
    public static final Result RETRY = new Result(Kind.RETRY, null);

    public static Result after(Duration delay) {
        return new Result(Kind.AFTER, delay);
    }

    /** The sooner of two requests: DONE asks nothing, RETRY wins over a delay. */
    public Result and(Result other) {
        if (kind == Kind.DONE) {
            return other;
        }
        if (other.kind == Kind.DONE || kind == Kind.RETRY) {
            return this;
        }
        if (other.kind == Kind.RETRY) {
            return other;
        }
        return after.compareTo(other.after) <= 0 ? this : other;
    }
}
