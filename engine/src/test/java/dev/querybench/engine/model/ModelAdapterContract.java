package dev.querybench.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.ScriptedModelStub;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelAdapter} must do, checked end to end: the adapter built by
 * {@link ModelAdapterFactory} from a profile, through langchain4j, over real HTTP, against a
 * stub speaking the provider's own wire protocol. Each vendor's test extends this class.
 *
 * @param <S> the provider's stub
 */
abstract class ModelAdapterContract<S extends ScriptedModelStub<S>> {

    static final String KEY = "sk-test-0123456789abcdef";
    static final String WRONG_KEY = "sk-wrong-999999999";

    S stub;
    ModelAdapterFactory factory;

    /** Starts the provider's stub. */
    abstract S startStub();

    /** The provider part of a spec, such as {@code openai}. */
    abstract String provider();

    /** A model the stub serves. */
    abstract String knownModel();

    /** The temperature as the provider's request body carries it. */
    abstract double sentTemperature(JsonNode body);

    /** The answer length limit as the provider's request body carries it. */
    abstract int sentMaxTokens(JsonNode body);

    /** The wait the adapter should read from a rate limit that asked for {@code asked}. */
    Duration expectedRetryHint(Duration asked) {
        return asked;
    }

    @BeforeEach
    void startTheStub() {
        stub = startStub().requireKey(KEY);
        factory = new ModelAdapterFactory(new SecretResolver(Map.of("TEST_KEY", KEY, "WRONG_KEY", WRONG_KEY)));
    }

    @AfterEach
    void stopTheStub() {
        stub.close();
    }

    ModelAdapter adapter(String model, String keyVariable, int timeoutSeconds) {
        return factory.create(new ModelConfig("m", provider() + ":" + model, stub.baseUrl(), SecretRef.env(keyVariable),
                0.25, 321, timeoutSeconds));
    }

    ModelAdapter adapter() {
        return adapter(knownModel(), "TEST_KEY", 5);
    }

    static void assertFailure(ThrowingCallable call, ErrorCategory category, boolean retryable) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.error().category()).as(e.error().describe()).isEqualTo(category);
            assertThat(e.error().retryable()).as("retryable: " + e.error().describe()).isEqualTo(retryable);
            assertThat(e.error().remedy()).as("a remedy for " + category).isNotBlank();
            assertThat(e.getMessage()).doesNotContain(KEY, WRONG_KEY);
        });
    }

    @Test
    void aCompletionCarriesTextUsageLatencyFinishReasonAndTheModelIdTheProviderReports() {
        stub.answer("capital", "```sql\nSELECT 1\n```").latency(Duration.ofMillis(30));
        Completion c = adapter().complete("What is the capital?");
        assertThat(c.text()).isEqualTo("```sql\nSELECT 1\n```");
        assertThat(c.usage().inputTokens()).isPositive();
        assertThat(c.usage().outputTokens()).isPositive();
        assertThat(c.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(c.finishReason()).isEqualTo("STOP");
        assertThat(c.modelId()).isEqualTo(stub.reportedModelId(knownModel()));
        assertThat(stub.prompts()).singleElement().asString().contains("What is the capital?");
    }

    @Test
    void theProfilesTemperatureAndAnswerLimitReachTheProvider() {
        adapter().complete("hello");
        JsonNode body = stub.lastRequest().body();
        assertThat(sentTemperature(body)).isEqualTo(0.25);
        assertThat(sentMaxTokens(body)).isEqualTo(321);
    }

    @Test
    void aRefusedKeyIsAnAuthenticationErrorThatNeverShowsTheKey() {
        assertFailure(() -> adapter(knownModel(), "WRONG_KEY", 5).complete("hi"), ErrorCategory.AUTHENTICATION, false);
    }

    @Test
    void anUnknownModelIsNotFound() {
        assertFailure(() -> adapter("no-such-model-9", "TEST_KEY", 5).complete("hi"), ErrorCategory.NOT_FOUND, false);
    }

    @Test
    void aRateLimitIsRetryableAndCarriesTheProvidersRetryHint() {
        stub.fail("slow down", Fault.rateLimited(Duration.ofMillis(20)));
        assertFailure(() -> adapter().complete("slow down"), ErrorCategory.RATE_LIMIT, true);
        assertThatThrownBy(() -> adapter().complete("slow down")).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.error().retryAfter()).isEqualTo(expectedRetryHint(Duration.ofMillis(20))));
    }

    @Test
    void anExhaustedQuotaIsNotARateLimitAndIsNotRetried() {
        stub.fail("more", Fault.quotaExhausted());
        assertFailure(() -> adapter().complete("more"), ErrorCategory.QUOTA, false);
    }

    @Test
    void aKeyWithoutAccessToTheModelIsAPermissionError() {
        stub.fail("secret model", Fault.permissionDenied());
        assertFailure(() -> adapter().complete("secret model"), ErrorCategory.PERMISSION, false);
    }

    @Test
    void aWithheldAnswerIsAContentFilterFailure() {
        stub.fail("forbidden topic", Fault.contentFilter());
        assertFailure(() -> adapter().complete("forbidden topic"), ErrorCategory.CONTENT_FILTER, false);
    }

    @Test
    void aPromptBeyondTheContextWindowSaysSoAndIsNotRetried() {
        stub.fail("very long", Fault.contextTooLong());
        assertThatThrownBy(() -> adapter().complete("very long")).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.error().category()).isEqualTo(ErrorCategory.INVALID_INPUT);
            assertThat(e.error().retryable()).isFalse();
            assertThat(e.error().message()).contains("context window");
            assertThat(e.error().remedy()).contains("shorten the prompt");
        });
    }

    @Test
    void anAnswerThatIsNotJsonIsAMalformedAnswerWorthRetrying() {
        stub.fail("garbled", Fault.malformedJson());
        assertFailure(() -> adapter().complete("garbled"), ErrorCategory.MALFORMED_ANSWER, true);
    }

    @Test
    void serverErrorsAndOverloadAreRetryable() {
        stub.fail("boom", 500).fail("busy", Fault.overloaded()).fail("unavailable", 503);
        ModelAdapter adapter = adapter();
        assertFailure(() -> adapter.complete("boom"), ErrorCategory.SERVER, true);
        assertFailure(() -> adapter.complete("busy"), ErrorCategory.SERVER, true);
        assertFailure(() -> adapter.complete("unavailable"), ErrorCategory.SERVER, true);
    }

    @Test
    void anAnswerSlowerThanTheProfilesTimeoutIsATimeout() {
        stub.fail("take your time", Fault.slow(Duration.ofMillis(1600)));
        assertFailure(() -> adapter(knownModel(), "TEST_KEY", 1).complete("take your time"), ErrorCategory.TIMEOUT,
                true);
    }

    @Test
    void anUnreachableEndpointIsANetworkError() {
        ModelAdapter adapter = factory.create(new ModelConfig("m", provider() + ":" + knownModel(),
                "http://127.0.0.1:9/v1", SecretRef.env("TEST_KEY"), null, null, 2));
        assertThatThrownBy(() -> adapter.complete("hi")).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.error().category()).isIn(ErrorCategory.NETWORK, ErrorCategory.TIMEOUT);
            assertThat(e.error().retryable()).isTrue();
        });
    }

    @Test
    void aResetConnectionIsARetryableNetworkError() {
        stub.fail("hang up", Fault.connectionReset());
        assertFailure(() -> adapter().complete("hang up"), ErrorCategory.NETWORK, true);
    }
}
