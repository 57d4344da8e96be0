package dev.querybench.engine.model.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResponseCacheTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final String params = CacheKey.parameters("http://x/v1", 0.0, 512);
    private final CacheKey key = CacheKey.of("openai", "gpt-4o-mini", params, "How many customers?");
    private final Completion answer = new Completion("SELECT COUNT(*) FROM customers", new Usage(120, 12),
            Duration.ofMillis(640), "STOP", "gpt-4o-mini-2024-07-18", new Provenance("openai:gpt-4o-mini", 2, 1, false));

    @Test
    void anAnswerComesBackMarkedAsCachedWithWhatItCost() {
        try (SqliteResponseCache cache = new SqliteResponseCache(dir.resolve("cache.db"), Duration.ofHours(1), clock)) {
            assertThat(cache.get(key)).isEmpty();
            cache.put(key, answer);
            Completion hit = cache.get(key).orElseThrow();
            assertThat(hit.text()).isEqualTo(answer.text());
            assertThat(hit.usage()).isEqualTo(answer.usage());
            assertThat(hit.latency()).isEqualTo(answer.latency());
            assertThat(hit.modelId()).isEqualTo(answer.modelId());
            assertThat(hit.provenance()).isEqualTo(new Provenance("openai:gpt-4o-mini", 0, 0, true));
        }
        try (SqliteResponseCache reopened = new SqliteResponseCache(dir.resolve("cache.db"), Duration.ofHours(1),
                clock)) {
            assertThat(reopened.get(key)).as("kept on disk").isPresent();
        }
    }

    @Test
    void anAnswerExpiresAfterTheTtl() {
        try (SqliteResponseCache cache = new SqliteResponseCache(dir.resolve("cache.db"), Duration.ofHours(1), clock)) {
            cache.put(key, answer);
            clock.advance(Duration.ofMinutes(59));
            assertThat(cache.get(key)).isPresent();
            clock.advance(Duration.ofMinutes(2));
            assertThat(cache.get(key)).isEmpty();
            assertThat(cache.size()).as("an expired answer is removed when met").isZero();
        }
    }

    @Test
    void providerModelParametersAndPromptAllMakeTheKey() {
        try (SqliteResponseCache cache = new SqliteResponseCache(dir.resolve("cache.db"), Duration.ofHours(1), clock)) {
            cache.put(key, answer);
            assertThat(cache.get(CacheKey.of("openai", "gpt-4o", params, "How many customers?"))).isEmpty();
            assertThat(cache.get(CacheKey.of("gemini", "gpt-4o-mini", params, "How many customers?"))).isEmpty();
            assertThat(cache.get(CacheKey.of("openai", "gpt-4o-mini", CacheKey.parameters("http://x/v1", 0.7, 512),
                    "How many customers?"))).isEmpty();
            assertThat(cache.get(CacheKey.of("openai", "gpt-4o-mini", CacheKey.parameters("http://y/v1", 0.0, 512),
                    "How many customers?"))).isEmpty();
            assertThat(cache.get(CacheKey.of("openai", "gpt-4o-mini", params, "How many stores?"))).isEmpty();
            assertThat(key.promptSha256()).hasSize(64).doesNotContain("customers");
        }
    }

    @Test
    void emptyAnswersAreNeverKept() {
        try (SqliteResponseCache cache = new SqliteResponseCache(dir.resolve("cache.db"), Duration.ofHours(1), clock)) {
            cache.put(key, new Completion("  ", Usage.NONE, Duration.ZERO, "STOP", "m"));
            assertThat(cache.get(key)).isEmpty();
            assertThat(cache.size()).isZero();
        }
    }

    @Test
    void aBypassedCacheIsNotReadButIsRefreshedAndADisabledOneKeepsNothing() {
        try (SqliteResponseCache cache = new SqliteResponseCache(dir.resolve("cache.db"), Duration.ofHours(1), clock)) {
            cache.put(key, answer);
            ResponseCache bypassed = cache.bypassed();
            assertThat(bypassed.get(key)).isEmpty();
            bypassed.put(key, new Completion("SELECT 2", new Usage(1, 1), Duration.ZERO, "STOP", "m"));
            assertThat(cache.get(key).orElseThrow().text()).isEqualTo("SELECT 2");
        }
        ResponseCache disabled = ResponseCache.disabled();
        disabled.put(key, answer);
        assertThat(disabled.get(key)).isEmpty();
    }
}
