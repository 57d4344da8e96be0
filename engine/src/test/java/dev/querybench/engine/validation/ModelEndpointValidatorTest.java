package dev.querybench.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.testing.AnthropicStub;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.GeminiStub;
import dev.querybench.engine.testing.OllamaStub;
import dev.querybench.engine.testing.OpenAiStub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each failure class of the endpoint check, against the provider stubs over real HTTP: what the
 * user reads and the remedy they get.
 */
class ModelEndpointValidatorTest {

    private static final String KEY = "sk-valid-0123456789";
    private static final String BAD_KEY = "sk-bad-9876543210";

    private final ModelEndpointValidator validator = new ModelEndpointValidator(Duration.ofSeconds(2),
            ProxySelector.of(null));

    @Test
    void aHealthyEndpointReportsLatencyTheModelListAndTheModel() {
        try (OpenAiStub stub = OpenAiStub.start().requireKey(KEY)) {
            ValidationResult r = validator.validate("openai", KEY, stub.baseUrl(), "gpt-4o-mini");
            assertThat(r.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(r.models()).containsExactly("gpt-4o-mini", "stub-model");
            assertThat(r.detail()).contains("reachable in", "2 models listed", "gpt-4o-mini available");
            assertThat(r.error()).isNull();
            assertThat(stub.listCalls()).isOne();
            assertThat(stub.calls()).as("listing models is the whole check: no tokens spent").isZero();
        }
    }

    @Test
    void aBadKeyIsNamedAsSuchForEveryProviderAndNeverShown() {
        try (OpenAiStub openAi = OpenAiStub.start().requireKey(KEY);
                GeminiStub gemini = GeminiStub.start().requireKey(KEY);
                AnthropicStub claude = AnthropicStub.start().requireKey(KEY)) {
            for (ValidationResult r : new ValidationResult[] {
                    validator.validate("openai", BAD_KEY, openAi.baseUrl(), null),
                    validator.validate("gemini", BAD_KEY, gemini.baseUrl(), null),
                    validator.validate("anthropic", BAD_KEY, claude.baseUrl(), null)}) {
                assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
                assertThat(r.error().category()).as(r.detail()).isEqualTo(ErrorCategory.AUTHENTICATION);
                assertThat(r.detail()).contains("refused the API key").doesNotContain(BAD_KEY);
                assertThat(r.remedy()).contains("environment variable");
            }
        }
    }

    @Test
    void aMissingKeyIsReportedWithoutACall() {
        ValidationResult r = validator.validate("gemini", null, null, null);
        assertThat(r.error().category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(r.remedy()).contains("export GEMINI_API_KEY");
        assertThat(validator.validate("anthropic", "", null, null).remedy()).contains("ANTHROPIC_API_KEY");
        assertThat(validator.validate("openai", null, null, null).remedy()).contains("OPENAI_API_KEY");
    }

    @Test
    void anUnregisteredProviderIsNamedWithTheRegisteredOnes() {
        ValidationResult r = validator.validate("mistral", KEY, null, null);
        assertThat(r.error().category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(r.detail()).contains("provider 'mistral' is not supported");
        assertThat(r.remedy()).contains("openai:", "gemini:", "ollama:", "anthropic:");
    }

    @Test
    void anUnknownModelListsWhatIsOffered() {
        try (GeminiStub stub = GeminiStub.start().requireKey(KEY)) {
            ValidationResult r = validator.validate("gemini", KEY, stub.baseUrl(), "gemini-9-ultra");
            assertThat(r.error().category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(r.detail()).contains("model 'gemini-9-ultra' is not offered", "3 models listed");
            assertThat(r.remedy()).contains("gemini-2.5-flash", "gemini-2.5-pro");
        }
    }

    @Test
    void aClaudeAliasIsFoundAsItsDatedSnapshot() {
        try (AnthropicStub stub = AnthropicStub.start().requireKey(KEY)) {
            ValidationResult r = validator.validate("anthropic", KEY, stub.baseUrl(), "claude-sonnet-4-5");
            assertThat(r.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(r.detail()).contains("claude-sonnet-4-5 available (as claude-sonnet-4-5-20250929)");
        }
    }

    @Test
    void ollamaNotRunningSaysHowToStartIt() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ValidationResult r = validator.validate("ollama", null, "http://127.0.0.1:" + port, "qwen2.5-coder:7b");
        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.detail()).isEqualTo("Ollama is not running at http://127.0.0.1:" + port + " (connection refused)");
        assertThat(r.remedy()).contains("ollama serve");
    }

    @Test
    void anOllamaModelThatIsNotPulledSaysHowToPullIt() {
        try (OllamaStub stub = OllamaStub.start()) {
            ValidationResult missing = validator.validate("ollama", null, stub.baseUrl(), "qwen2.5-coder:32b");
            assertThat(missing.error().category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(missing.detail()).contains("not pulled on this Ollama server", "3 models pulled");
            assertThat(missing.remedy()).isEqualTo("pull it: ollama pull qwen2.5-coder:32b");
            ValidationResult pulled = validator.validate("ollama", null, stub.baseUrl(), "llama3.2");
            assertThat(pulled.detail()).startsWith("Ollama " + OllamaStub.VERSION).contains("llama3.2 available");
        }
    }

    @Test
    void aProxyThatWantsCredentialsIsNamed() throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"corp\"");
            exchange.sendResponseHeaders(407, -1);
            exchange.close();
        });
        proxy.start();
        try (OpenAiStub stub = OpenAiStub.start()) {
            ModelEndpointValidator behindProxy = new ModelEndpointValidator(Duration.ofSeconds(2),
                    ProxySelector.of(proxy.getAddress()));
            ValidationResult r = behindProxy.validate("openai", KEY, stub.baseUrl(), null);
            assertThat(r.error().category()).isEqualTo(ErrorCategory.NETWORK);
            assertThat(r.detail()).contains("proxy asks for credentials");
            assertThat(r.remedy()).contains("-Dhttps.proxyUser");
            assertThat(stub.listCalls()).isZero();
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void anUnreachableProxyIsNamedRatherThanTheProvider() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ModelEndpointValidator behindProxy = new ModelEndpointValidator(Duration.ofSeconds(2),
                ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        ValidationResult r = behindProxy.validate("openai", KEY, "http://192.0.2.1/v1", null);
        assertThat(r.detail()).contains("cannot reach the proxy");
        assertThat(r.remedy()).contains("HTTPS_PROXY");
    }

    @Test
    void tlsTroubleSaysToCheckTheSchemeAndTheTrustStore() throws Exception {
        // An https URL pointed at a plain-HTTP server: the server's first bytes are not a TLS handshake.
        try (ServerSocket plainHttp = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!plainHttp.isClosed()) {
                    try (Socket client = plainHttp.accept()) {
                        client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            ValidationResult r = validator.validate("openai", KEY, "https://127.0.0.1:" + plainHttp.getLocalPort() + "/v1",
                    null);
            assertThat(r.error().category()).as(r.detail()).isEqualTo(ErrorCategory.NETWORK);
            assertThat(r.detail()).contains("TLS connection failed");
            assertThat(r.remedy()).contains("http or https", "trust store");
        }
    }

    @Test
    void aSlowEndpointTimesOut() {
        try (OpenAiStub stub = OpenAiStub.start().failModelsList(Fault.slow(Duration.ofMillis(1500)))) {
            ValidationResult r = new ModelEndpointValidator(Duration.ofMillis(300), ProxySelector.of(null))
                    .validate("openai", KEY, stub.baseUrl(), null);
            assertThat(r.error().category()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(r.detail()).contains("no answer from", "within 300 ms");
        }
    }

    @Test
    void aWrongBaseUrlIsNotMistakenForAMissingModel() {
        try (OllamaStub ollama = OllamaStub.start(); OpenAiStub openAi = OpenAiStub.start()) {
            ValidationResult wrongPath = validator.validate("openai", KEY, ollama.baseUrl(), "gpt-4o-mini");
            assertThat(wrongPath.error().category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(wrongPath.detail()).contains("nothing answers at this path");
            assertThat(wrongPath.remedy()).contains("/v1");
            ValidationResult notAList = validator.validate("gemini", KEY, openAi.baseUrl(), null);
            assertThat(notAList.error().category()).isEqualTo(ErrorCategory.CONFIGURATION);
            assertThat(notAList.detail()).contains("answered, but not with a gemini model list");
        }
    }

    @Test
    void serverTroubleAndRateLimitsAreReportedAsSuch() {
        try (AnthropicStub stub = AnthropicStub.start().requireKey(KEY)) {
            stub.failModelsList(Fault.overloaded());
            ValidationResult busy = validator.validate("anthropic", KEY, stub.baseUrl(), null);
            assertThat(busy.error().category()).isEqualTo(ErrorCategory.SERVER);
            assertThat(busy.detail()).contains("overloaded", "529");
            stub.failModelsList(Fault.rateLimited(Duration.ofSeconds(2)));
            ValidationResult limited = validator.validate("anthropic", KEY, stub.baseUrl(), null);
            assertThat(limited.error().category()).isEqualTo(ErrorCategory.RATE_LIMIT);
            assertThat(limited.error().retryAfter()).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aProfileIsCheckedWithItsProviderKeyAndModel() {
        try (GeminiStub gemini = GeminiStub.start().requireKey(KEY); OllamaStub ollama = OllamaStub.start()) {
            SecretResolver secrets = new SecretResolver(Map.of("GEMINI_API_KEY", KEY));
            ValidationResult g = validator.validate(new ModelConfig("flash", "gemini", gemini.baseUrl(),
                    SecretRef.env("GEMINI_API_KEY"), null, null, null), secrets);
            assertThat(g.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(g.detail()).contains("gemini-2.5-flash available");
            ValidationResult o = validator.validate(new ModelConfig("local", "ollama:qwen2.5-coder:7b",
                    ollama.baseUrl(), null, null, null, null), secrets);
            assertThat(o.toCheckResult("Model local").status()).isEqualTo(CheckResult.Status.OK);
            ValidationResult unset = validator.validate(new ModelConfig("c", "anthropic:claude-sonnet-4-5", null,
                    SecretRef.env("ANTHROPIC_API_KEY"), null, null, null), secrets);
            assertThat(unset.detail()).contains("ANTHROPIC_API_KEY is not set");
        }
    }
}
