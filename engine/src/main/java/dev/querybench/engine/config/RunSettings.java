package dev.querybench.engine.config;

import java.util.List;

/**
 * Defaults for a run; the CLI and the app may override each.
 *
 * @param models model profile names to evaluate (default: the first profile)
 * @param concurrency items evaluated at once
 * @param queryTimeoutSeconds limit for each SQL execution
 * @param rowCap most rows read from any one result
 * @param matchMode execution match mode, {@code strict} by default
 * @param fallback profiles that back up every evaluated model whose profile names no {@code fallback} of its own
 * @param maxStreamedRows most rows streamed from gold and prediction to compare results beyond the row cap by
 *     hash; 0 compares only the first {@code rowCap} rows
 */
public record RunSettings(
        List<String> models, Integer concurrency, Integer queryTimeoutSeconds, Integer rowCap, String matchMode,
        List<String> fallback, Long maxStreamedRows) {

    /** Rows streamed at most for a comparison beyond the row cap when the workspace does not say. */
    public static final long DEFAULT_MAX_STREAMED_ROWS = 2_000_000;

    public static final RunSettings DEFAULTS = new RunSettings(List.of(), 4, 10, 10_000, "strict", List.of(),
            DEFAULT_MAX_STREAMED_ROWS);

    public RunSettings {
        models = models == null ? List.of() : List.copyOf(models);
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    /** Settings with the default streaming limit. */
    public RunSettings(List<String> models, Integer concurrency, Integer queryTimeoutSeconds, Integer rowCap,
            String matchMode, List<String> fallback) {
        this(models, concurrency, queryTimeoutSeconds, rowCap, matchMode, fallback, null);
    }

    /** Settings without a run-level fallback chain. */
    public RunSettings(List<String> models, Integer concurrency, Integer queryTimeoutSeconds, Integer rowCap,
            String matchMode) {
        this(models, concurrency, queryTimeoutSeconds, rowCap, matchMode, List.of());
    }

    public long maxStreamedRowsOrDefault() {
        return maxStreamedRows == null ? DEFAULT_MAX_STREAMED_ROWS : maxStreamedRows;
    }

    public int concurrencyOrDefault() {
        return concurrency == null ? DEFAULTS.concurrency : concurrency;
    }

    public int queryTimeoutSecondsOrDefault() {
        return queryTimeoutSeconds == null ? DEFAULTS.queryTimeoutSeconds : queryTimeoutSeconds;
    }

    public int rowCapOrDefault() {
        return rowCap == null ? DEFAULTS.rowCap : rowCap;
    }

    public String matchModeOrDefault() {
        return matchMode == null ? DEFAULTS.matchMode : matchMode;
    }
}
