package dev.querybench.engine.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import dev.querybench.engine.model.ModelProviders;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Classification details the adapter contract does not reach: retry hints in every form, proxy
 * and TLS trouble, a wrong base URL, interruption, and redaction.
 */
class ErrorHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ErrorHandler handler = new ErrorHandler(new Redactor(List.of("sk-secret-123456")),
            Clock.fixed(NOW, ZoneOffset.UTC)).withAdvice(ModelProviders.all());

    private ErrorResponse http(int status, Map<String, List<String>> headers, String body) {
        return handler.handleModelError("openai", "gpt-4o-mini", new ProviderHttpException(status, headers, body));
    }

    @Test
    void retryAfterIsReadAsMillisecondsSecondsOrAnHttpDate() {
        assertThat(http(429, Map.of("Retry-After-Ms", List.of("250")), "{}").retryAfter())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(http(429, Map.of("retry-after", List.of("3")), "{}").retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(http(503, Map.of("Retry-After", List.of("Mon, 23 Nov 2026 10:00:30 GMT")), "{}").retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(http(429, Map.of("Retry-After", List.of("soon")), "{}").retryAfter()).isNull();
    }

    @Test
    void theProvidersRateLimitHeadersGiveTheWaitOfTheExhaustedLimit() {
        Map<String, List<String>> openAi = Map.of("x-ratelimit-remaining-requests", List.of("0"),
                "x-ratelimit-reset-requests", List.of("1m2.5s"), "x-ratelimit-remaining-tokens", List.of("1200"),
                "x-ratelimit-reset-tokens", List.of("6m0s"));
        assertThat(http(429, openAi, "{}").retryAfter()).as("the tokens limit is not exhausted")
                .isEqualTo(Duration.ofMillis(62_500));
        assertThat(http(429, Map.of("x-ratelimit-remaining-tokens", List.of("0"), "x-ratelimit-reset-tokens",
                List.of("20ms")), "{}").retryAfter()).isEqualTo(Duration.ofMillis(20));
        Map<String, List<String>> anthropic = Map.of("anthropic-ratelimit-requests-remaining", List.of("0"),
                "anthropic-ratelimit-requests-reset", List.of("2026-11-23T10:00:07Z"),
                "anthropic-ratelimit-output-tokens-remaining", List.of("0"),
                "anthropic-ratelimit-output-tokens-reset", List.of("2026-11-23T10:00:12Z"));
        assertThat(http(429, anthropic, "{}").retryAfter()).as("the later of the exhausted limits")
                .isEqualTo(Duration.ofSeconds(12));
        Map<String, List<String>> both = Map.of("retry-after", List.of("2"), "x-ratelimit-remaining-requests",
                List.of("0"), "x-ratelimit-reset-requests", List.of("9s"));
        assertThat(http(429, both, "{}").retryAfter()).as("Retry-After comes first").isEqualTo(Duration.ofSeconds(2));
        assertThat(http(429, Map.of("x-ratelimit-remaining-requests", List.of("5"), "x-ratelimit-reset-requests",
                List.of("9s")), "{}").retryAfter()).isNull();
        assertThat(RetryHints.goDuration("1h")).contains(Duration.ofHours(1));
        assertThat(RetryHints.goDuration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(RetryHints.goDuration("soon")).isEmpty();
    }

    @Test
    void openAisTryAgainInMessageIsAHintWhenNoHeaderSaysMore() {
        String body = "{\"error\":{\"message\":\"Rate limit reached. Please try again in 1.5s.\",\"code\":"
                + "\"rate_limit_exceeded\"}}";
        ErrorResponse r = http(429, Map.of(), body);
        assertThat(r.category()).isEqualTo(ErrorCategory.RATE_LIMIT);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(r.message()).contains("Rate limit reached");
    }

    @Test
    void geminiPerMinuteQuotaIsARateLimitButPerDayIsAnExhaustedQuota() {
        String perMinute = "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":"
                + "\"GenerateRequestsPerMinutePerProjectPerModel\"}]},{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"12.5s\"}]}}";
        ErrorResponse minute = handler.handleHttpError("gemini", "gemini-2.5-flash", 429, Map.of(), perMinute);
        assertThat(minute.category()).isEqualTo(ErrorCategory.RATE_LIMIT);
        assertThat(minute.retryAfter()).isEqualTo(Duration.ofMillis(12_500));
        ErrorResponse day = handler.handleHttpError("gemini", "gemini-2.5-flash", 429, Map.of(),
                perMinute.replace("PerMinute", "PerDay"));
        assertThat(day.category()).isEqualTo(ErrorCategory.QUOTA);
        assertThat(day.retryable()).isFalse();
        assertThat(day.remedy()).contains("--resume");
    }

    @Test
    void aWrongBaseUrlIsToldApartFromAnUnknownModel() {
        ErrorResponse path = http(404, Map.of(), "<html>404 page not found</html>");
        assertThat(path.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(path.remedy()).contains("baseUrl", "/v1");
        ErrorResponse model = handler.handleHttpError("ollama", "qwen2.5-coder:7b", 404, Map.of(),
                "{\"error\":\"model \\\"qwen2.5-coder:7b\\\" not found, try pulling it first\"}");
        assertThat(model.remedy()).isEqualTo("pull it first: ollama pull qwen2.5-coder:7b");
    }

    @Test
    void proxyAndTlsTroubleSayWhatToConfigureAndAreNotRetried() {
        ErrorResponse proxy = http(407, Map.of(), "");
        assertThat(proxy.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(proxy.retryable()).isFalse();
        assertThat(proxy.remedy()).contains("-Dhttps.proxyUser");
        ErrorResponse tls = handler.handleModelError("openai", "gpt-4o-mini",
                new RuntimeException(new SSLHandshakeException("PKIX path building failed")));
        assertThat(tls.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(tls.retryable()).isFalse();
        assertThat(tls.message()).contains("TLS", "PKIX");
        assertThat(tls.remedy()).contains("trust store");
    }

    @Test
    void networkFailuresAreNamedByWhatHappened() {
        ErrorResponse refused = handler.handleModelError("ollama", "llama3.2", new RuntimeException(new ConnectException()));
        assertThat(refused.message()).contains("connection refused");
        assertThat(refused.remedy()).contains("ollama serve");
        ErrorResponse host = handler.handleModelError("openai", "gpt-4o-mini",
                new RuntimeException(new UnknownHostException("api.example.invalid")));
        assertThat(host.message()).contains("cannot resolve", "api.example.invalid");
        ErrorResponse reset = handler.handleModelError("openai", "gpt-4o-mini", new IOException("Connection reset"));
        assertThat(reset.category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(reset.retryable()).isTrue();
    }

    @Test
    void anInterruptedCallIsNotRetriedAndAGarbledAnswerIs() {
        CancellationException cancelled = new CancellationException("interrupted");
        cancelled.initCause(new InterruptedException());
        assertThat(handler.handleModelError("openai", "m", cancelled).retryable()).isFalse();
        ErrorResponse garbled = handler.handleModelError("openai", "m",
                new RuntimeException(new JsonParseException(null, "Unexpected end-of-input")));
        assertThat(garbled.category()).isEqualTo(ErrorCategory.MALFORMED_ANSWER);
        assertThat(garbled.retryable()).isTrue();
    }

    @Test
    void secretsInProviderMessagesAreRedacted() {
        ErrorResponse r = http(400, Map.of(), "{\"error\":{\"message\":\"bad request for key sk-secret-123456\"}}");
        assertThat(r.message()).doesNotContain("sk-secret-123456").contains("****");
        assertThat(r.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
    }

    @Test
    void anythingElseIsAnInternalErrorWithItsMessage() {
        ErrorResponse r = handler.handleModelError("openai", "m", new IllegalStateException("odd"));
        assertThat(r.category()).isEqualTo(ErrorCategory.INTERNAL);
        assertThat(r.message()).contains("odd");
    }

    @Test
    void runTimeErrorsNameTheFix() {
        ErrorResponse refused = handler.withKeySource("environment variable TEAM_OPENAI_KEY").handleModelError("openai",
                "gpt-4o-mini", new ProviderHttpException(401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key\"}}"));
        assertThat(refused.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(refused.remedy()).contains("environment variable TEAM_OPENAI_KEY");
        assertThat(http(401, Map.of(), "{}").remedy()).contains("OPENAI_API_KEY");

        ErrorResponse tooLong = http(400, Map.of(), "{\"error\":{\"code\":\"context_length_exceeded\"}}");
        assertThat(tooLong.remedy()).contains("shorter prompt variant", "--variants", "longer context");

        ErrorResponse longWait = http(429, Map.of("Retry-After", List.of("600")), "{}");
        assertThat(longWait.message()).contains("wait 600 s");
        assertThat(longWait.remedy()).contains("resilience.retry.maxRetryAfterMillis", "fallback");
    }
}
