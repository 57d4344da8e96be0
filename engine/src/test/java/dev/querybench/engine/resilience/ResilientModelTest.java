package dev.querybench.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.config.PriceTable;
import dev.querybench.engine.testing.AnthropicStub;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OllamaStub;
import dev.querybench.engine.testing.OpenAiStub;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, circuit breakers, rate limits, fallback and selection, against provider stubs over
 * real HTTP. Backoffs are a few milliseconds; time is only bounded generously.
 */
class ResilientModelTest {

    private static final String KEY = "sk-ant-test-123456";
    private static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(40),
            0.5, Duration.ofMillis(500));
    private static final BreakerPolicy BREAKER = new BreakerPolicy(50, 10, 5, Duration.ofMinutes(1), 1,
            Duration.ofMinutes(1));
    private static final ResiliencePolicy POLICY = new ResiliencePolicy(FAST_RETRY, BREAKER, Map.of(),
            ResiliencePolicy.Selection.IN_ORDER, 0.6);

    private final OpenAiStub primaryStub = OpenAiStub.start().models("gpt-4o", "gpt-4o-mini").defaultAnswer("primary");
    private final AnthropicStub backupStub = AnthropicStub.start().requireKey(KEY).defaultAnswer("backup");
    private final ModelAdapterFactory factory = new ModelAdapterFactory(new SecretResolver(Map.of("ANTHROPIC_KEY", KEY)));

    @AfterEach
    void stopStubs() {
        primaryStub.close();
        backupStub.close();
    }

    private ModelConfig primary() {
        return new ModelConfig("primary", "openai:gpt-4o-mini", primaryStub.baseUrl(), null, null, null, 2);
    }

    private ModelConfig backup() {
        return new ModelConfig("backup", "anthropic:claude-haiku-4-5", backupStub.baseUrl(),
                SecretRef.env("ANTHROPIC_KEY"), null, null, 2);
    }

    private EndpointRegistry registry(ResiliencePolicy policy) {
        return new EndpointRegistry(policy, factory::create, Clock.systemUTC());
    }

    private ResilientModel chain(EndpointRegistry registry, SelectionPolicy selection, Scoreboard scores,
            ModelConfig... members) {
        List<Endpoint> endpoints = java.util.Arrays.stream(members).map(registry::endpoint).toList();
        return new ResilientModel(new FallbackChain(members[0].name(), endpoints), selection, scores);
    }

    private ResilientModel primaryThenBackup(EndpointRegistry registry) {
        return chain(registry, SelectionPolicy.inOrder(), new Scoreboard(), primary(), backup());
    }

    @Test
    void retriesWaitAtLeastAsLongAsTheProviderAskedAndAreCounted() {
        primaryStub.failNext(2, Fault.rateLimited(Duration.ofMillis(150)));
        long start = System.nanoTime();
        Completion c = primaryThenBackup(registry(POLICY)).complete("hello");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(c.text()).isEqualTo("primary");
        assertThat(c.provenance().retries()).isEqualTo(2);
        assertThat(c.provenance().fallbacks()).isZero();
        assertThat(c.provenance().answeredBy()).isEqualTo("openai:gpt-4o-mini");
        assertThat(primaryStub.calls()).isEqualTo(3);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aWaitLongerThanTheLimitMovesToTheNextModelInsteadOfWaiting() {
        primaryStub.failNext(1, Fault.rateLimited(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Completion c = primaryThenBackup(registry(POLICY)).complete("hello");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(c.text()).isEqualTo("backup");
        assertThat(c.provenance().answeredBy()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(c.provenance().fallbacks()).isOne();
        assertThat(primaryStub.calls()).isOne();
    }

    @Test
    void anExhaustedQuotaOpensTheBreakerInsteadOfBeingRetried() {
        EndpointRegistry registry = registry(POLICY);
        ResilientModel model = primaryThenBackup(registry);
        primaryStub.down(Fault.quotaExhausted());
        assertThat(model.complete("one").text()).isEqualTo("backup");
        assertThat(primaryStub.calls()).isOne();
        assertThat(registry.endpoint(primary()).breakerState()).isEqualTo(BreakerState.OPEN);
        Completion next = model.complete("two");
        assertThat(primaryStub.calls()).as("an open breaker sends nothing").isOne();
        assertThat(next.provenance().fallbacks()).isOne();
        assertThat(next.provenance().retries()).isZero();
    }

    @Test
    void promptProblemsAreNeitherRetriedNorHeldAgainstTheEndpoint() {
        EndpointRegistry registry = registry(POLICY);
        primaryStub.fail("very long", Fault.contextTooLong());
        ResilientModel alone = chain(registry, SelectionPolicy.inOrder(), new Scoreboard(), primary());
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> alone.complete("a very long prompt")).isInstanceOfSatisfying(ModelException.class,
                    e -> assertThat(e.error().category()).isEqualTo(ErrorCategory.INVALID_INPUT));
        }
        assertThat(primaryStub.calls()).isEqualTo(8);
        assertThat(registry.endpoint(primary()).breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aPrimaryThatIsDownOpensItsBreakerAndEveryItemIsAnsweredByTheBackup() {
        EndpointRegistry registry = registry(POLICY);
        ResilientModel model = primaryThenBackup(registry);
        primaryStub.down(Fault.status(503));
        for (int i = 0; i < 20; i++) {
            Completion c = model.complete("question " + i);
            assertThat(c.provenance().answeredBy()).isEqualTo("anthropic:claude-haiku-4-5");
            assertThat(c.provenance().fallbacks()).isOne();
        }
        assertThat(registry.endpoint(primary()).breakerState()).isEqualTo(BreakerState.OPEN);
        assertThat(primaryStub.calls()).as("the breaker stops calls after the minimum").isLessThanOrEqualTo(6);
        assertThat(backupStub.calls()).isEqualTo(20);
    }

    @Test
    void whenEveryModelFailsTheErrorNamesEachReason() {
        primaryStub.down(Fault.status(500));
        backupStub.down(Fault.overloaded());
        assertThatThrownBy(() -> primaryThenBackup(registry(POLICY)).complete("hi"))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.error().category()).isEqualTo(ErrorCategory.SERVER);
                    assertThat(e.error().retryable()).isTrue();
                    assertThat(e.getMessage()).contains("every model of the fallback chain failed", "primary:",
                            "backup:", "overloaded");
                });
        assertThat(primaryStub.calls()).isEqualTo(3);
        assertThat(backupStub.calls()).isEqualTo(3);
    }

    @Test
    void aModelWithoutFallbackKeepsItsOwnError() {
        ModelConfig badKey = new ModelConfig("claude", "anthropic:claude-haiku-4-5", backupStub.baseUrl(),
                SecretRef.env("WRONG"), null, null, 2);
        ModelAdapterFactory wrongKey = new ModelAdapterFactory(new SecretResolver(Map.of("WRONG", "sk-ant-wrong-99")));
        EndpointRegistry registry = new EndpointRegistry(POLICY, wrongKey::create, Clock.systemUTC());
        ResilientModel model = chain(registry, SelectionPolicy.inOrder(), new Scoreboard(), badKey);
        assertThatThrownBy(() -> model.complete("hi")).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.error().category()).isEqualTo(ErrorCategory.AUTHENTICATION));
        assertThat(backupStub.calls()).as("a refused key is not retried").isOne();
        assertThat(model.spec().toString()).isEqualTo("anthropic:claude-haiku-4-5");
    }

    @Test
    void anInterruptedCallStopsInsteadOfFallingBack() {
        ResilientModel model = primaryThenBackup(registry(POLICY));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> model.complete("hi")).isInstanceOfSatisfying(ModelException.class, e -> {
                assertThat(e.error().retryable()).isFalse();
                assertThat(e.getMessage()).contains("interrupted");
            });
        } finally {
            Thread.interrupted();
        }
        assertThat(primaryStub.calls() + backupStub.calls()).isZero();
    }

    @Test
    void aProviderRateLimitSpacesCalls() {
        ResiliencePolicy limited = new ResiliencePolicy(FAST_RETRY, BREAKER, Map.of("openai", 600),
                ResiliencePolicy.Selection.IN_ORDER, 0.6);
        ResilientModel model = chain(registry(limited), SelectionPolicy.inOrder(), new Scoreboard(), primary());
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            model.complete("q" + i);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("600/min is one call every 100 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    @Test
    void qualityBasedSelectionPrefersTheHealthyModelWithTheBestAccuracySoFar() {
        EndpointRegistry registry = registry(POLICY);
        Scoreboard scores = new Scoreboard();
        ResilientModel model = chain(registry, SelectionPolicy.qualityBased(), scores, primary(), backup());
        assertThat(model.complete("first").text()).as("untried models tie: chain order").isEqualTo("primary");
        for (int i = 0; i < 4; i++) {
            scores.record("openai:gpt-4o-mini", Outcome.FAIL);
            scores.record("anthropic:claude-haiku-4-5", Outcome.PASS);
        }
        Completion better = model.complete("second");
        assertThat(better.text()).isEqualTo("backup");
        assertThat(better.provenance().fallbacks()).as("chosen, not fallen back to").isZero();
        backupStub.down(Fault.quotaExhausted());
        model.complete("third");
        assertThat(registry.endpoint(backup()).healthy()).isFalse();
        assertThat(model.complete("fourth").text()).as("the best model is unhealthy").isEqualTo("primary");
    }

    @Test
    void costOptimisedSelectionPrefersTheCheapestModelAboveTheQualityFloor() {
        try (OllamaStub local = OllamaStub.start().defaultAnswer("local")) {
            EndpointRegistry registry = registry(POLICY);
            Scoreboard scores = new Scoreboard();
            ModelConfig expensive = new ModelConfig("big", "openai:gpt-4o", primaryStub.baseUrl(), null, null, null, 2);
            ModelConfig free = new ModelConfig("local", "ollama:qwen2.5-coder:7b", local.baseUrl(), null, null, null, 2);
            ModelConfig unpriced = new ModelConfig("odd", "anthropic:claude-mystery", backupStub.baseUrl(),
                    SecretRef.env("ANTHROPIC_KEY"), null, null, 2);
            SelectionPolicy cost = SelectionPolicy.costOptimised(PriceTable.shipped(), 0.6);
            ResilientModel model = chain(registry, cost, scores, unpriced, expensive, primary(), free);
            assertThat(cost.order(model.chain().members(), scores)).extracting(Endpoint::name)
                    .containsExactly("local", "primary", "big", "odd");
            assertThat(model.complete("q").text()).isEqualTo("local");
            for (int i = 0; i < SelectionPolicy.MINIMUM_SAMPLES; i++) {
                scores.record("ollama:qwen2.5-coder:7b", i == 0 ? Outcome.PASS : Outcome.FAIL);
            }
            assertThat(cost.order(model.chain().members(), scores)).extracting(Endpoint::name)
                    .as("below the floor, the free model drops behind the others")
                    .containsExactly("primary", "big", "odd", "local");
            Completion c = model.complete("q2");
            assertThat(c.provenance().answeredBy()).isEqualTo("openai:gpt-4o-mini");
        }
    }
}
