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
 */
public record RunSettings(
        List<String> models, Integer concurrency, Integer queryTimeoutSeconds, Integer rowCap, String matchMode) {

    public static final RunSettings DEFAULTS = new RunSettings(List.of(), 4, 10, 10_000, "strict");

    public RunSettings {
        models = models == null ? List.of() : List.copyOf(models);
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
