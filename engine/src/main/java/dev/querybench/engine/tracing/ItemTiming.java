package dev.querybench.engine.tracing;

import java.time.Instant;
import java.util.Objects;

/**
 * When the parts of one item ran.
 *
 * @param generationStart when the model call began
 * @param generationEnd when the model answered (or failed)
 * @param executionStart when the SQL execution and comparison began, or null when none ran
 * @param executionEnd when it ended, or null when none ran
 */
public record ItemTiming(Instant generationStart, Instant generationEnd, Instant executionStart,
        Instant executionEnd) {

    public ItemTiming {
        Objects.requireNonNull(generationStart, "generationStart");
        Objects.requireNonNull(generationEnd, "generationEnd");
        if ((executionStart == null) != (executionEnd == null)) {
            throw new IllegalArgumentException("an execution needs both a start and an end");
        }
    }

    public boolean executed() {
        return executionStart != null;
    }

    /** When the item began. */
    public Instant start() {
        return generationStart;
    }

    /** When the item ended. */
    public Instant end() {
        return executed() && executionEnd.isAfter(generationEnd) ? executionEnd : generationEnd;
    }
}
