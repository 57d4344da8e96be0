package dev.querybench.engine.db;

import java.time.Duration;

/**
 * Connection pool settings of one profile.
 *
 * @param maximumSize most connections open at once (queries beyond it wait for a free one)
 * @param connectTimeout how long opening a connection may take before the attempt fails
 */
public record PoolSettings(int maximumSize, Duration connectTimeout) {

    public static final PoolSettings DEFAULTS = new PoolSettings(4, Duration.ofSeconds(10));

    public PoolSettings {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("a pool needs at least one connection");
        }
        if (connectTimeout == null || connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connect timeout must be at least 250 ms");
        }
    }

    public PoolSettings withMaximumSize(int size) {
        return new PoolSettings(size, connectTimeout);
    }
}
