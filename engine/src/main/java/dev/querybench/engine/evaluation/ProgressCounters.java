package dev.querybench.engine.evaluation;

import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import java.time.Duration;
import java.time.Instant;

/** A run's progress counters, shared by its workers. */
final class ProgressCounters {

    private final int total;
    private final int restored;
    private final Instant start;
    private int done;
    private int passed;
    private int failed;
    private int errors;

    ProgressCounters(int total, Iterable<ItemResult> restoredItems, Instant start) {
        this.total = total;
        this.start = start;
        int n = 0;
        for (ItemResult item : restoredItems) {
            count(item);
            n++;
        }
        this.restored = n;
    }

    synchronized RunProgress add(ItemResult item, Instant now) {
        count(item);
        Duration elapsed = Duration.between(start, now);
        int thisAttempt = done - restored;
        Duration eta = thisAttempt == 0 ? null : elapsed.multipliedBy(total - done).dividedBy(thisAttempt);
        return new RunProgress(total, done, passed, failed, errors, elapsed, eta);
    }

    private void count(ItemResult item) {
        done++;
        if (item.outcome() == Outcome.PASS) {
            passed++;
        } else if (item.outcome() == Outcome.FAIL) {
            failed++;
        } else {
            errors++;
        }
    }
}
