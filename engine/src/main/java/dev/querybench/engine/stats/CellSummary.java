package dev.querybench.engine.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param retries model calls repeated after a failure, in total
 * @param fallbacks models passed over for another in a fallback chain, in total
 * @param fallbackItems items that needed at least one fallback
 * @param answeredBy how many items each model (spec) really answered, most first
 * @param cachedItems items answered from the response cache (at no cost)
 * @param cost what the cell's answers cost in US dollars, or null when a model that answered has no price
 */
public record CellSummary(
        String variant, String model, int items, int passed, int failed, int errors, Accuracy accuracy,
        long latencyP50Ms, long latencyP95Ms, long inputTokens, long outputTokens, int retries, int fallbacks,
        int fallbackItems, Map<String, Integer> answeredBy, int cachedItems, BigDecimal cost) {

    public CellSummary {
        answeredBy = Collections.unmodifiableMap(new LinkedHashMap<>(answeredBy));
    }

    /** Cost divided by correct answers; null when the cost is unknown or nothing was correct. */
    public BigDecimal costPerCorrect() {
        return cost == null || passed == 0 ? null : cost.divide(BigDecimal.valueOf(passed), 8, RoundingMode.HALF_UP);
    }
}
