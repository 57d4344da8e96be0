package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.model.cache.CacheKey;
import dev.querybench.engine.model.cache.ResponseCache;
import dev.querybench.engine.resilience.EndpointRegistry;
import dev.querybench.engine.resilience.FallbackChain;
import dev.querybench.engine.resilience.ResiliencePolicy;
import dev.querybench.engine.resilience.ResilientModel;
import dev.querybench.engine.resilience.Scoreboard;
import dev.querybench.engine.resilience.SelectionPolicy;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.testing.OpenAiStub;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
    void aSecondCallerWithTheSamePromptWaitsForTheCacheCommitAndFindsTheAnswerThere() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch store = new CountDownLatch(1);
        Map<CacheKey, Completion> stored = new ConcurrentHashMap<>();
        ResponseCache slowCommit = new ResponseCache() {
            @Override
            public Optional<Completion> get(CacheKey key) {
                return Optional.ofNullable(stored.get(key));
            }

            @Override
            public void put(CacheKey key, Completion answer) {
                storing.countDown(); // the answer is in hand, its durable commit under way
                await(store);
                stored.put(key, answer);
            }
        };
        try (OpenAiStub stub = OpenAiStub.start().models("gpt-4o-mini").defaultAnswer("SELECT 1")) {
            ModelConfig profile = new ModelConfig("primary", "openai:gpt-4o-mini", stub.baseUrl(), null, null, null, 1);
            EndpointRegistry registry = new EndpointRegistry(ResiliencePolicy.DEFAULTS,
                    new ModelAdapterFactory(new SecretResolver(Map.of()))::create, Clock.systemUTC());
            ResilientModel resilient = new ResilientModel(new FallbackChain("primary",
                    List.of(registry.endpoint(profile))), SelectionPolicy.inOrder(), new Scoreboard(), slowCommit);
            PermittedModel model = new PermittedModel(resilient, provider);

            // a thread per caller (the common pool may have a single one on a small machine)
            Executor callers = task -> Thread.ofPlatform().daemon(true).start(task);
            CompletableFuture<Completion> first = CompletableFuture.supplyAsync(() -> model.complete("q", 0), callers);
            assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Completion> second = CompletableFuture.supplyAsync(() -> model.complete("q", 0), callers);
            Thread.sleep(300);
            assertThat(second).as("the permit is still held by the first call's commit").isNotDone();
            store.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("SELECT 1");
            assertThat(second.get(10, TimeUnit.SECONDS).text()).isEqualTo("SELECT 1");
            assertThat(stub.calls()).as("the provider is paid once").isEqualTo(1);
            assertThat(provider.availablePermits()).isEqualTo(1);
        }
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
