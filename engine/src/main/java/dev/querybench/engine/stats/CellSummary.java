package dev.querybench.engine.stats;

/**
 * Figures for one (variant, model) cell of a run.
 *
 * @param variant prompt variant
 * @param model model profile
 * @param items items finished
 * @param passed PASS items
 * @param failed FAIL items
 * @param errors ERROR items (excluded from accuracy)
 * @param accuracy accuracy over PASS + FAIL with its interval
 * @param latencyP50Ms median model latency
 * @param latencyP95Ms 95th percentile model latency
 * @param inputTokens prompt tokens in total
 * @param outputTokens completion tokens in total
 */
public record CellSummary(
        String variant, String model, int items, int passed, int failed, int errors, Accuracy accuracy,
        long latencyP50Ms, long latencyP95Ms, long inputTokens, long outputTokens) {}
