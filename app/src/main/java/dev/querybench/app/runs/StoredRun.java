package dev.querybench.app.runs;

import java.time.Instant;

/**
 * A run in the workspace's store, as the history list shows it.
 *
 * @param id run id
 * @param createdAt when it started
 * @param started "2026-11-24 00:54"
 * @param variants variant names, comma separated
 * @param models model names, comma separated
 * @param questions how many questions it planned
 * @param status running, finished or cancelled
 * @param accuracy the best cell's accuracy between 0 and 1; NaN while not read or without verdicts
 * @param accuracyText "25.9% (ddl-samples-hints · gpt-4o-mini)", "…" while being read, "—" without verdicts
 * @param cost what the run's answers and judge cost in dollars; NaN while not read or when a price is unknown
 * @param costText "$0.0123", "cost unknown" or "…"
 */
public record StoredRun(String id, Instant createdAt, String started, String variants, String models, int questions,
        String status, double accuracy, String accuracyText, double cost, String costText) {

    /** The run before its items have been read. */
    public StoredRun(String id, Instant createdAt, String started, String variants, String models, int questions,
            String status) {
        this(id, createdAt, started, variants, models, questions, status, Double.NaN, "…", Double.NaN, "…");
    }

    /** The status with "answered n of N" when a run that is not finished lacks answers ("incomplete · answered 53 of 54"). */
    StoredRun withAnswered(int answered, int planned) {
        return "finished".equals(status) || answered >= planned ? this
                : new StoredRun(id, createdAt, started, variants, models, questions,
                        status + " · answered " + answered + " of " + planned, accuracy, accuracyText, cost, costText);
    }

    StoredRun withFigures(double newAccuracy, String newAccuracyText, double newCost, String newCostText) {
        return new StoredRun(id, createdAt, started, variants, models, questions, status, newAccuracy, newAccuracyText,
                newCost, newCostText);
    }
}
