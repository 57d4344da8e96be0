package dev.querybench.app.runs;

/** Where the run screen's current run stands. */
public enum RunPhase {
    /** Nothing run yet in this session. */
    IDLE(false),
    /** Checking the variants and the model before the first call. */
    PREPARING(true),
    RUNNING(true),
    /** Cancel was asked for; items in flight are winding down. */
    CANCELLING(true),
    FINISHED(false),
    /** The run ended with items no model answered; resume finishes it. */
    INCOMPLETE(false),
    CANCELLED(false),
    /** The run did not start or stopped on an error. */
    FAILED(false);

    private final boolean active;

    RunPhase(boolean active) {
        this.active = active;
    }

    public boolean isActive() {
        return active;
    }
}
