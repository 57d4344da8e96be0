package dev.querybench.engine.evaluation;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a caller sets to stop a run; the orchestrator stops starting items and interrupts running ones. */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Runnable onCancel = () -> { };

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.run();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    void onCancel(Runnable action) {
        this.onCancel = action;
        if (cancelled.get()) {
            action.run();
        }
    }
}
