package dev.querybench.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.testing.OpenAiStub;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI adapter over real HTTP against the stub. */
class OpenAiModelAdapterTest {

    private static final String KEY = "sk-test-0123456789abcdef";

    OpenAiStub stub;
    ModelAdapterFactory factory;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start().requireKey(KEY);
        factory = new ModelAdapterFactory(new SecretResolver(Map.of("TEST_KEY", KEY, "WRONG_KEY", "sk-wrong-999999999")));
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private ModelAdapter adapter(String model, String keyVariable) {
        return factory.create(new ModelConfig("m", "openai:" + model, stub.baseUrl(), SecretRef.env(keyVariable), 0.0,
                256, 5));
    }

    @Test
    void aCompletionCarriesTextUsageLatencyFinishReasonAndModelId() {
        stub.answer("capital", "```sql\nSELECT 1\n```");
        Completion c = adapter("gpt-4o-mini", "TEST_KEY").complete("What is the capital?");
        assertThat(c.text()).isEqualTo("```sql\nSELECT 1\n```");
        assertThat(c.usage().inputTokens()).isPositive();
        assertThat(c.usage().outputTokens()).isPositive();
        assertThat(c.latency()).isPositive();
        assertThat(c.finishReason()).isEqualTo("STOP");
        assertThat(c.modelId()).isEqualTo("gpt-4o-mini-stub-2026");
        assertThat(stub.prompts()).singleElement().asString().contains("What is the capital?");
    }

    @Test
    void aRefusedKeyIsAnAuthenticationErrorThatNeverShowsTheKey() {
        assertThatThrownBy(() -> adapter("gpt-4o-mini", "WRONG_KEY").complete("hi"))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.error().category()).isEqualTo(ErrorCategory.AUTHENTICATION);
                    assertThat(e.error().remedy()).contains("key");
                    assertThat(e.getMessage()).doesNotContain("sk-wrong-999999999");
                });
    }

    @Test
    void anUnknownModelIsNotFound() {
        assertThatThrownBy(() -> adapter("gpt-9", "TEST_KEY").complete("hi"))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.error().category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }

    @Test
    void serverErrorsAndRateLimitsAreRetryable() {
        stub.fail("boom", 500).fail("slow down", 429);
        ModelAdapter adapter = adapter("gpt-4o-mini", "TEST_KEY");
        assertThatThrownBy(() -> adapter.complete("boom"))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.error().category()).isEqualTo(ErrorCategory.SERVER);
                    assertThat(e.error().retryable()).isTrue();
                });
        assertThatThrownBy(() -> adapter.complete("slow down"))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.error().category()).isEqualTo(ErrorCategory.RATE_LIMIT));
    }

    @Test
    void anUnreachableEndpointIsANetworkError() {
        ModelAdapter adapter = factory.create(new ModelConfig("m", "openai:gpt-4o-mini", "http://127.0.0.1:9/v1",
                SecretRef.env("TEST_KEY"), null, null, 2));
        assertThatThrownBy(() -> adapter.complete("hi"))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.error().category()).isIn(ErrorCategory.NETWORK, ErrorCategory.TIMEOUT);
                    assertThat(e.error().retryable()).isTrue();
                });
    }

    @Test
    void profilesAreCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> factory.create(new ModelConfig("m", "openai:gpt-4o-mini", null,
                SecretRef.env("UNSET_KEY"), null, null, null)))
                .hasMessageContaining("UNSET_KEY").hasMessageContaining("not set");
        assertThatThrownBy(() -> factory.create(new ModelConfig("m", "gpt-4o-mini", null, null, null, null, null)))
                .hasMessageContaining("provider:model");
        assertThatThrownBy(() -> factory.create(new ModelConfig("m", "acme:model", null, null, null, null, null)))
                .hasMessageContaining("not supported");
        assertThat(ModelSpec.parse("ollama:qwen2.5-coder:7b")).isEqualTo(new ModelSpec("ollama", "qwen2.5-coder:7b"));
    }
}
