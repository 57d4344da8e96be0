package dev.querybench.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-flight limit of a provider endpoint, on a clock the test moves. */
class AdaptiveLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AdaptiveLimit limit = new AdaptiveLimit(16, now::get);

    private List<AdaptiveLimit.Permit> take(int n) throws InterruptedException {
        List<AdaptiveLimit.Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AdaptiveLimit.Permit p = limit.acquire(now.get());
            if (p == null) {
                break;
            }
            permits.add(p);
        }
        return permits;
    }

    @Test
    void aRateLimitHalvesTheCallsInFlightOncePerBurstAndAnswersGrowItBack() throws InterruptedException {
        List<AdaptiveLimit.Permit> burst = take(16);
        assertThat(burst).hasSize(16);
        assertThat(take(1)).as("the ceiling holds").isEmpty();
        burst.get(0).rateLimited(null);
        burst.get(1).rateLimited(null);
        assertThat(limit.limit()).as("one cut for the burst: 16 in flight → 8").isEqualTo(8);
        assertThat(limit.cuts()).isOne();
        burst.forEach(AdaptiveLimit.Permit::close);
        List<AdaptiveLimit.Permit> next = take(16);
        assertThat(next).hasSize(8);
        next.get(0).rateLimited(null);
        assertThat(limit.limit()).as("a call sent under the new limit cuts again").isEqualTo(4);
        next.forEach(AdaptiveLimit.Permit::close);
        for (int i = 0; i < 200; i++) {
            try (AdaptiveLimit.Permit p = limit.acquire(now.get())) {
                p.answered();
            }
        }
        assertThat(limit.limit()).as("answers grow it back to the ceiling").isEqualTo(16);
    }

    @Test
    void noCallIsLetThroughBeforeTheWaitTheProviderAskedFor() throws InterruptedException {
        try (AdaptiveLimit.Permit p = limit.acquire(now.get())) {
            p.rateLimited(Duration.ofSeconds(2));
        }
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limit.acquire(now.get())).as("still paused after one second").isNull();
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(limit.acquire(now.get())).isNotNull();
    }
}
