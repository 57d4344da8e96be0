package dev.querybench.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.AnthropicStub;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import dev.querybench.engine.testing.ScriptedModelStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs against one provider (no fallback) under real rate limits and hard faults, over
 * the providers' wire protocols: a 429 slows a run and never fails an item, an open breaker makes
 * items wait for its trial call, and what no model answered is reported as unanswered, never as
 * an ERROR in a finished run.
 */
class RateLimitedRunTest {

    private static final String ANTHROPIC_KEY = "sk-ant-limits-0123456";

    @TempDir
    Path dir;

    /**
     * The sample workspace with {@code questions} questions and one model profile on {@code stub}
     * whose calls time out after a second (so the stub's slow faults are timeouts).
     */
    private Workspace workspace(ScriptedModelStub<?> stub, String spec, int questions, String resilience)
            throws Exception {
        return workspace(stub, spec, questions, resilience, 1);
    }

    /** The same with calls timing out after {@code timeoutSeconds}. */
    private Workspace workspace(ScriptedModelStub<?> stub, String spec, int questions, String resilience,
            int timeoutSeconds) throws Exception {
        Path root = SampleFixture.withQuestions(dir.resolve("ws"), questions, "limits");
        Files.writeString(root.resolve("querybench.yaml"), """
                name: limits
                database: {name: ridgeline, type: sqlite, path: .querybench/ridgeline.db, init: [db/schema.sql, db/data.sql]}
                dataset: dataset.yaml
                variants: [ddl-basic, ddl-samples-hints]
                models:
                  - {name: only, spec: "%s", baseUrl: "%s", apiKey: {env: ANTHROPIC_API_KEY}, timeoutSeconds: %d}
                resilience: %s
                run: {models: [only], concurrency: 8}
                cache: {enabled: false}
                """.formatted(spec, stub.baseUrl(), timeoutSeconds, resilience));
        Workspace ws = new WorkspaceLoader().load(root);
        SampleScript.answerGold(stub, ws.dataset().questions());
        return ws;
    }

    private static WorkspaceSession open(Workspace ws) {
        return WorkspaceSession.open(ws, new SecretResolver(Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY)),
                Clock.systemUTC());
    }

    private static RunResults run(Workspace ws) {
        try (WorkspaceSession session = open(ws)) {
            return session.run(session.plan(RunRequest.defaults()), RunListener.NONE, new Cancellation());
        }
    }

    @Test
    void twoHundredSixteenItemsUnderThirtyPercentMixedFaultsAreAllAnsweredAndNoneIsAnError() throws Exception {
        try (OpenAiStub stub = OpenAiStub.start()) {
            // Ten attempts: with 30% of calls failing at random, an item's attempts all fail with
            // probability 0.3^n, so over 216 items a run leaves one unanswered with about 16% at six
            // attempts (seen in a CI rehearsal) and about 0.13% at ten.
            Workspace ws = workspace(stub, "openai:gpt-4o-mini", 108, "{retry: {maxAttempts: 10,"
                    + " initialBackoffMillis: 5, maxBackoffMillis: 50, maxRetryAfterMillis: 2000},"
                    + " circuitBreaker: {openMillis: 300}, patienceSeconds: 60}");
            stub.failRandomly(0.30, 20261206, Fault.rateLimited(Duration.ofMillis(40)),
                    Fault.rateLimitedByHeaders(Duration.ofMillis(40)), Fault.serverError(), Fault.overloaded(),
                    Fault.connectionReset(), Fault.slow(Duration.ofMillis(1500)),
                    Fault.slowBody(Duration.ofMillis(1500)));

            RunResults results = run(ws);

            assertThat(results.items().size() + results.unanswered().size()).as("no item is lost").isEqualTo(216);
            assertThat(results.unanswered()).as("every fault is survivable within ten attempts").isEmpty();
            assertThat(results.complete()).isTrue();
            assertThat(results.run().status()).isEqualTo("finished");
            assertThat(results.items()).allSatisfy(item -> {
                assertThat(item.outcome()).as(item.key() + ": " + item.error()).isEqualTo(Outcome.PASS);
                assertThat(item.provenance().answeredBy()).isEqualTo("openai:gpt-4o-mini");
            });
            int retries = results.items().stream().mapToInt(i -> i.provenance().retries()).sum();
            assertThat(retries).as("30% of calls failed").isGreaterThan(40);
            assertThat(stub.calls()).as("every call is one answer or one counted retry").isEqualTo(216 + retries);
            assertThat(stub.calls()).as("calls stay bounded").isLessThan(2 * 216);
        }
    }

    @Test
    void rateLimitsNeverOpenTheBreakerNorPassAnItemToTheFallback() throws Exception {
        try (OpenAiStub stub = OpenAiStub.start()) {
            Workspace ws = workspace(stub, "openai:gpt-4o-mini", 20, "{retry: {maxAttempts: 2,"
                    + " initialBackoffMillis: 5, maxBackoffMillis: 20}, circuitBreaker: {failureRatePercent: 50,"
                    + " window: 10, minimumCalls: 5, openMillis: 600000}}");
            stub.failNext(60, Fault.rateLimited(Duration.ofMillis(30)));
            try (WorkspaceSession session = open(ws)) {
                RunResults results = session.run(session.plan(RunRequest.defaults()), RunListener.NONE,
                        new Cancellation());
                assertThat(results.complete()).isTrue();
                assertThat(results.items()).hasSize(40).allSatisfy(i -> assertThat(i.outcome()).isEqualTo(Outcome.PASS));
                Endpoint only = session.endpoints().endpoints().getFirst();
                assertThat(only.breakerState()).as("sixty 429s are not failures").isEqualTo(BreakerState.CLOSED);
                assertThat(only.adaptiveLimit().cuts()).as("the in-flight limit was cut").isPositive();
                assertThat(results.items().stream().mapToInt(i -> i.provenance().retries()).sum()).isEqualTo(60);
            }
        }
    }

    /**
     * Twelve overloaded answers open the breaker; the items it refuses then wait for its trial call
     * rather than fail. Robust to a loaded machine: each item may be sent one more time than there are
     * failures, so however the failures fall on the items (under load retries can reach the stub
     * before the breaker has counted enough failures to open) no item runs out of attempts, and an
     * item that is unanswered was failed by the open breaker; the stub answers at once, so the calls
     * get a timeout no loaded machine reaches (a timed-out call would be sent again and count as a
     * failure); the checks are on counts (every call is one of the failures or one item's answer) and
     * on a lower bound of time that load can only lengthen.
     */
    @Test
    void whileTheBreakerIsOpenItemsWaitForItsTrialCallInsteadOfFailing() throws Exception {
        int openMillis = 400;
        int failures = 12;
        try (AnthropicStub stub = AnthropicStub.start().requireKey(ANTHROPIC_KEY)) {
            Workspace ws = workspace(stub, "anthropic:claude-haiku-4-5", 15, "{retry: {maxAttempts: " + (failures + 1)
                    + ", initialBackoffMillis: 5, maxBackoffMillis: 20}, circuitBreaker: {failureRatePercent: 50,"
                    + " window: 10, minimumCalls: 5, openMillis: " + openMillis + ", halfOpenCalls: 1},"
                    + " patienceSeconds: 30}", 60);
            stub.failNext(failures, Fault.overloaded());
            long start = System.nanoTime();
            RunResults results = run(ws);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(results.unanswered()).as("no item failed because the breaker was open").isEmpty();
            assertThat(results.complete()).isTrue();
            assertThat(results.items()).hasSize(30).allSatisfy(i -> assertThat(i.outcome()).isEqualTo(Outcome.PASS));
            assertThat(took).as("the items waited for the breaker's open period")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(openMillis));
            assertThat(stub.calls()).as("an open breaker sends nothing: every call is one of the failures (trials"
                    + " that met one included) or one item's answer").isEqualTo(30 + failures);
        }
    }

    @Test
    void aProviderThatOnlyRateLimitsLeavesEveryItemUnansweredAfterThePatienceNeverAnError() throws Exception {
        try (OpenAiStub stub = OpenAiStub.start()) {
            Workspace ws = workspace(stub, "openai:gpt-4o-mini", 6, "{retry: {initialBackoffMillis: 5,"
                    + " maxBackoffMillis: 50}, patienceSeconds: 1}");
            stub.failNext(100_000, Fault.rateLimited(Duration.ofMillis(50)));
            long start = System.nanoTime();
            RunResults results = run(ws);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(results.items()).as("no item is stored as ERROR").isEmpty();
            assertThat(results.unanswered()).hasSize(12).allSatisfy(u -> assertThat(u.cause()).contains("rate"));
            assertThat(results.complete()).isFalse();
            assertThat(results.run().status()).isEqualTo("incomplete");
            assertThat(results.answeredLine()).isEqualTo("answered 0 of 12");
            assertThat(took).as("bounded by the patience").isLessThan(Duration.ofSeconds(10));
            assertThat(stub.calls()).as("the adaptive limit and the waits keep calls few").isLessThan(120);
        }
    }

    @Test
    void unansweredItemsAreAskedAgainOnResumeAndTheRunThenFinishes() throws Exception {
        try (OpenAiStub stub = OpenAiStub.start()) {
            Workspace ws = workspace(stub, "openai:gpt-4o-mini", 5, "{retry: {maxAttempts: 2,"
                    + " initialBackoffMillis: 5, maxBackoffMillis: 20}, circuitBreaker: {minimumCalls: 100,"
                    + " window: 100}}");
            stub.failNext(100_000, Fault.status(500));
            try (WorkspaceSession session = open(ws)) {
                RunResults first = session.run(session.plan(RunRequest.defaults()), RunListener.NONE,
                        new Cancellation());
                assertThat(first.items()).isEmpty();
                assertThat(first.unanswered()).hasSize(10);
                assertThat(session.runStore().items(first.run().id())).as("nothing unanswered is stored").isEmpty();

                stub.failNext(0, Fault.status(500));
                RunResults resumed = session.resume(first.run(), RunRequest.defaults(), RunListener.NONE,
                        new Cancellation());
                assertThat(resumed.complete()).isTrue();
                assertThat(resumed.run().status()).isEqualTo("finished");
                assertThat(resumed.items()).hasSize(10).extracting(ItemResult::outcome).containsOnly(Outcome.PASS);
            }
        }
    }
}
