package dev.querybench.engine.model.cache;

import dev.querybench.engine.model.Completion;
import java.util.Optional;

/**
 * Model answers kept so that asking the same model the same thing again costs nothing.
 * Implementations never keep an empty answer (errors never reach a cache: they are not
 * answers). Thread-safe.
 */
public interface ResponseCache {

    /** The answer stored for {@code key}, if any and not expired; it is marked as cached. */
    Optional<Completion> get(CacheKey key);

    /** Keeps {@code answer} for {@code key}, replacing an older one; empty answers are ignored. */
    void put(CacheKey key, Completion answer);

    /** A cache that keeps nothing. */
    static ResponseCache disabled() {
        return new Disabled();
    }

    /**
     * This cache, bypassed: nothing is read from it, but fresh answers still replace what it
     * holds.
     */
    default ResponseCache bypassed() {
        ResponseCache target = this;
        return new ResponseCache() {
            @Override
            public Optional<Completion> get(CacheKey key) {
                return Optional.empty();
            }

            @Override
            public void put(CacheKey key, Completion answer) {
                target.put(key, answer);
            }
        };
    }

    /** The null object: never hits, never stores. */
    record Disabled() implements ResponseCache {
        @Override
        public Optional<Completion> get(CacheKey key) {
            return Optional.empty();
        }

        @Override
        public void put(CacheKey key, Completion answer) {
            // keeps nothing by design
        }
    }
}
