package dev.querybench.engine.config;

/**
 * The workspace's response cache: model answers kept under {@code .querybench/cache.db} so
 * that asking the same model the same prompt with the same parameters again costs nothing.
 *
 * @param enabled whether answers are cached at all (default true)
 * @param ttlHours how long an answer is served (default 720, thirty days)
 */
public record CacheConfig(Boolean enabled, Integer ttlHours) {

    public static final CacheConfig DEFAULTS = new CacheConfig(true, 720);

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public int ttlHoursOrDefault() {
        return ttlHours == null ? DEFAULTS.ttlHours : ttlHours;
    }
}
