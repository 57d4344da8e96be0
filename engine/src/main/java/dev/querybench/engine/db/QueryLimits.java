package dev.querybench.engine.db;

import java.time.Duration;

/**
 * Limits applied to every untrusted query.
 *
 * @param timeout wall-clock limit after which the query is cancelled on the database
 * @param rowCap most rows read; a larger result is cut and marked truncated
 */
public record QueryLimits(Duration timeout, int rowCap) {

    public QueryLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive");
        }
        if (rowCap < 1) {
            throw new IllegalArgumentException("row cap must be at least 1");
        }
    }
}
