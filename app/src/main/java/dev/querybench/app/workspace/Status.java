package dev.querybench.app.workspace;

import java.util.Locale;

/** A status dot: nothing to report, being checked, fine, needs attention, broken. */
public enum Status {
    NONE,
    PENDING,
    OK,
    WARN,
    FAIL;

    public String styleClass() {
        return "status-" + name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two statuses. */
    Status worse(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
