package dev.querybench.engine.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many calls one provider endpoint (provider and base URL) may have in flight, learnt from
 * its answers: a rate-limited call halves the limit (once per burst: only a call sent under the
 * current limit can cut it again) and holds every new call back for as long as the provider
 * asked; each answer grows the limit by one over the current limit's worth of answers, back up to
 * the ceiling. The run's own concurrency bounds calls too, so the ceiling only matters when it is
 * lower. Thread-safe.
 */
public final class AdaptiveLimit {

    private final int ceiling;
    private final LongSupplier nanos;
    private double limit;
    private int inFlight;
    private long pausedUntil;
    private long generation;
    private int cuts;

    /**
     * @param ceiling the most calls in flight the limit grows back to
     * @param nanos a monotonic clock in nanoseconds ({@link System#nanoTime})
     */
    public AdaptiveLimit(int ceiling, LongSupplier nanos) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("the ceiling must be at least 1");
        }
        this.ceiling = ceiling;
        this.nanos = nanos;
        this.limit = ceiling;
    }

    public AdaptiveLimit(int ceiling) {
        this(ceiling, System::nanoTime);
    }

    /** A permit to send one call; {@link Permit#close} gives it back. */
    public final class Permit implements AutoCloseable {
        private final long sentUnder;
        private boolean closed;

        private Permit(long sentUnder) {
            this.sentUnder = sentUnder;
        }

        /** The call was answered: the limit grows a little. */
        public void answered() {
            synchronized (AdaptiveLimit.this) {
                limit = Math.min(ceiling, limit + 1.0 / Math.max(1.0, limit));
            }
        }

        /**
         * The call was rate limited: the limit is halved (unless another call of the same burst
         * already cut it) and new calls wait {@code wait} (when the provider said).
         */
        public void rateLimited(Duration wait) {
            synchronized (AdaptiveLimit.this) {
                if (sentUnder == generation) {
                    limit = Math.max(1.0, Math.min(limit, inFlight) / 2.0);
                    generation++;
                    cuts++;
                }
                if (wait != null && !wait.isZero()) {
                    pausedUntil = Math.max(pausedUntil, nanos.getAsLong() + wait.toNanos());
                }
                AdaptiveLimit.this.notifyAll();
            }
        }

        @Override
        public void close() {
            synchronized (AdaptiveLimit.this) {
                if (!closed) {
                    closed = true;
                    inFlight--;
                    AdaptiveLimit.this.notifyAll();
                }
            }
        }
    }

    /**
     * Waits for a permit until the limit lets one more call through and no pause holds calls back,
     * or until {@code deadlineNanos} ({@link System#nanoTime} scale).
     *
     * @return the permit, or null when the deadline came first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Permit acquire(long deadlineNanos) throws InterruptedException {
        synchronized (this) {
            while (true) {
                long now = nanos.getAsLong();
                long pause = pausedUntil - now;
                if (pause <= 0 && inFlight < Math.max(1, (int) Math.floor(limit))) {
                    inFlight++;
                    return new Permit(generation);
                }
                long left = deadlineNanos - now;
                if (left <= 0) {
                    return null;
                }
                long wait = pause > 0 ? Math.min(pause, left) : left;
                wait(Math.max(1, Math.min(wait / 1_000_000, 1_000)));
            }
        }
    }

    /** The current limit, rounded down. */
    public synchronized int limit() {
        return Math.max(1, (int) Math.floor(limit));
    }

    /** Calls in flight now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** How often a rate limit has cut the limit. */
    public synchronized int cuts() {
        return cuts;
    }
}
