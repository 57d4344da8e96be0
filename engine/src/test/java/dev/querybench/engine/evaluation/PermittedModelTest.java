package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The provider's permit around one model call: taken before it and given back only when the call
 * has returned, the response cache's commit included, so that a second caller with the same prompt
 * finds the answer cached instead of paying the provider again.
 */
class PermittedModelTest {

    private final Semaphore provider = new Semaphore(1);
    private final List<Integer> permitsSeen = new ArrayList<>();

    @Test
    void theNextCallWaitsUntilTheFirstHasStoredItsAnswer() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch stored = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        ModelAdapter storesAfterAnswering = new Fake() {
            @Override
            public Completion complete(String prompt, int repeat) {
                if (calls.incrementAndGet() == 1) {
                    storing.countDown(); // the answer is in hand, the cache commit is under way
                    await(stored);
                }
                return answer();
            }
        };
        PermittedModel model = new PermittedModel(storesAfterAnswering, provider);

        CompletableFuture<Completion> first = CompletableFuture.supplyAsync(() -> model.complete("q", 0));
        assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Completion> second = CompletableFuture.supplyAsync(() -> model.complete("q", 0));
        Thread.sleep(200);

        assertThat(calls.get()).isEqualTo(1); // the second caller is still waiting for the permit
        assertThat(second).isNotDone();
        stored.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("SELECT 1");
        assertThat(second.get(10, TimeUnit.SECONDS).text()).isEqualTo("SELECT 1");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(provider.availablePermits()).isEqualTo(1);
    }

    @Test
    void thePermitIsHeldForTheWholeCall() {
        ModelAdapter plain = new Fake() {
            @Override
            public Completion complete(String prompt) {
                permitsSeen.add(provider.availablePermits());
                return answer();
            }
        };

        new PermittedModel(plain, provider).complete("q");

        assertThat(permitsSeen).containsExactly(0);
        assertThat(provider.availablePermits()).isEqualTo(1);
    }

    @Test
    void aFailedCallGivesThePermitBack() {
        ModelAdapter failing = new Fake() {
            @Override
            public Completion complete(String prompt) {
                throw new IllegalStateException("down");
            }
        };

        assertThatThrownBy(() -> new PermittedModel(failing, provider).complete("q", 0))
                .hasMessage("down");
        assertThat(provider.availablePermits()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private abstract static class Fake implements ModelAdapter {
        @Override
        public ModelSpec spec() {
            return ModelSpec.parse("openai:gpt-4o-mini");
        }

        @Override
        public Completion complete(String prompt) {
            return answer();
        }

        static Completion answer() {
            return new Completion("SELECT 1", new Usage(1, 1), Duration.ofMillis(1), "stop", "gpt-4o-mini");
        }
    }
}
