package dev.querybench.engine.evaluation;

import java.time.Duration;

/**
 * Where a run stands.
 *
 * @param total items in the plan
 * @param done items finished, including those restored from an earlier attempt
 * @param passed PASS so far
 * @param failed FAIL so far
 * @param errors ERROR so far
 * @param elapsed time since this attempt started
 * @param eta estimated time left, from this attempt's pace; null until one item finished
 */
public record RunProgress(int total, int done, int passed, int failed, int errors, Duration elapsed, Duration eta) {

    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }
}
