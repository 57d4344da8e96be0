package dev.querybench.engine.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Latencies of one query over several runs.
 *
 * @param runs measured runs (warm-up runs excluded)
 * @param min fastest run
 * @param p50 median
 * @param p95 95th percentile (nearest rank)
 * @param max slowest run
 * @param mean average
 * @param rows rows the query returned (last run)
 */
public record LatencyProfile(int runs, Duration min, Duration p50, Duration p95, Duration max, Duration mean,
        int rows) {

    /** Summarises measured durations; at least one is needed. */
    public static LatencyProfile of(List<Duration> samples, int rows) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a latency profile needs at least one run");
        }
        List<Duration> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        long totalNanos = sorted.stream().mapToLong(Duration::toNanos).sum();
        return new LatencyProfile(sorted.size(), sorted.getFirst(), rank(sorted, 0.50), rank(sorted, 0.95),
                sorted.getLast(), Duration.ofNanos(totalNanos / sorted.size()), rows);
    }

    private static Duration rank(List<Duration> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
