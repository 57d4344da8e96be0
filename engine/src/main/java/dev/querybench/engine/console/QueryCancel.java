package dev.querybench.engine.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops a page read that nobody waits for any more: {@link #cancel()} runs the registered
 * actions (the statement's {@code Statement.cancel()} on the database) at once, and every action
 * registered later runs as soon as it is registered. Thread-safe.
 */
public final class QueryCancel {

    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    /** A token that is never cancelled. */
    public static QueryCancel none() {
        return new QueryCancel();
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} on {@link #cancel()}, or now when the token is cancelled already. */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }
}
