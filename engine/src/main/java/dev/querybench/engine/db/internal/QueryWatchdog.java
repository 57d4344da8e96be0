package dev.querybench.engine.db.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancels statements, on the server, through {@link Statement#cancel()}: those that run past their
 * deadline, and those whose thread is interrupted (a cancelled run). Drivers that ignore
 * {@code setQueryTimeout} (sqlite-jdbc) stop this way too; so does a query running in native code,
 * which no interrupt reaches. Thread-safe; one per backend, closed with it.
 */
public final class QueryWatchdog implements AutoCloseable {

    /** How often a running statement's thread is looked at for an interrupt. */
    static final Duration INTERRUPT_POLL = Duration.ofMillis(20);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "querybench-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Why a statement was cancelled. */
    public enum Reason {
        /** It ran past its deadline. */
        DEADLINE,
        /** The thread running it was interrupted. */
        INTERRUPT
    }

    /**
     * Arms a deadline for one statement run by the calling thread, and watches that thread for an
     * interrupt; close the returned guard when the statement ends.
     */
    public Deadline arm(Statement statement, Duration timeout) {
        Thread owner = Thread.currentThread();
        long end = System.nanoTime() + timeout.toNanos();
        AtomicReference<Reason> fired = new AtomicReference<>();
        long period = Math.min(INTERRUPT_POLL.toNanos(), Math.max(1, timeout.toNanos()));
        // until the guard is closed; once fired, the checks change nothing
        ScheduledFuture<?> future = timer.scheduleAtFixedRate(() -> {
            Reason reason = System.nanoTime() - end >= 0 ? Reason.DEADLINE
                    : owner.isInterrupted() ? Reason.INTERRUPT : null;
            if (reason != null && fired.compareAndSet(null, reason)) {
                try {
                    statement.cancel();
                } catch (SQLException | RuntimeException ignored) {
                    // the statement may already be closed; nothing left to stop
                }
            }
        }, period, period, TimeUnit.NANOSECONDS);
        return new Deadline(future, fired);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A running deadline. */
    public static final class Deadline implements AutoCloseable {
        private final ScheduledFuture<?> future;
        private final AtomicReference<Reason> fired;

        private Deadline(ScheduledFuture<?> future, AtomicReference<Reason> fired) {
            this.future = future;
            this.fired = fired;
        }

        /** True once the deadline passed and the statement was cancelled. */
        public boolean fired() {
            return fired.get() == Reason.DEADLINE;
        }

        /** True once the statement was cancelled because its thread was interrupted. */
        public boolean interrupted() {
            return fired.get() == Reason.INTERRUPT;
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }
}
