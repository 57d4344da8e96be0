package dev.querybench.engine.db.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels statements that run past their deadline, on the server, through
 * {@link Statement#cancel()}. Drivers that ignore {@code setQueryTimeout} (sqlite-jdbc) stop this
 * way too. Thread-safe; one per backend, closed with it.
 */
public final class QueryWatchdog implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "querybench-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Arms a deadline for one statement; close the returned guard when the statement ends. */
    public Deadline arm(Statement statement, Duration timeout) {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> future = timer.schedule(() -> {
            fired.set(true);
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // the statement may already be closed; nothing left to stop
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Deadline(future, fired);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A running deadline. */
    public static final class Deadline implements AutoCloseable {
        private final ScheduledFuture<?> future;
        private final AtomicBoolean fired;

        private Deadline(ScheduledFuture<?> future, AtomicBoolean fired) {
            this.future = future;
            this.fired = fired;
        }

        /** True once the deadline passed and the statement was cancelled. */
        public boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }
}
