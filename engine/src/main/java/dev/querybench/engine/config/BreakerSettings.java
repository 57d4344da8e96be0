package dev.querybench.engine.config;

/**
 * When a model endpoint's circuit breaker opens; unset values take the defaults named below.
 *
 * @param failureRatePercent failure rate over the window that opens it (default 50)
 * @param window calls the failure rate is measured over (default 20)
 * @param minimumCalls calls needed before the rate counts (default 10)
 * @param openMillis how long it stays open before trial calls (default 30000)
 * @param halfOpenCalls trial calls that decide whether it closes again (default 3)
 * @param quotaOpenMillis how long an exhausted quota, a refused key or an unknown model keeps it open
 *     (default 600000)
 */
public record BreakerSettings(Integer failureRatePercent, Integer window, Integer minimumCalls, Long openMillis,
        Integer halfOpenCalls, Long quotaOpenMillis) {}
