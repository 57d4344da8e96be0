package dev.querybench.app.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The state both runners share for one submitted piece of work. Thread-safe. */
final class TaskJob<P> implements TaskRunner.Context<P>, TaskRunner.Job {

    private final Consumer<P> sink;
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean cancelled;
    private volatile boolean done;

    TaskJob(Consumer<P> sink) {
        this.sink = sink;
    }

    @Override
    public void publish(P update) {
        sink.accept(update);
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                cancelActions.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
    }

    @Override
    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
        }
        // Outside the lock: an action may block briefly (interrupting HTTP calls, cancelling statements).
        actions.forEach(Runnable::run);
    }

    @Override
    public boolean isDone() {
        return done;
    }

    void markDone() {
        done = true;
    }
}
