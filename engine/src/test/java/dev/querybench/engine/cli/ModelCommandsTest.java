package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.testing.AnthropicStub;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OllamaStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code querybench validate models} and {@code querybench health [--watch]} against the stubs. */
class ModelCommandsTest {

    private static final String KEY = "sk-ant-cli-0123456";

    @TempDir
    Path home;
    OllamaStub ollama;
    AnthropicStub claude;
    Path workspace;

    @BeforeEach
    void setUp() throws Exception {
        ollama = OllamaStub.start();
        claude = AnthropicStub.start().requireKey(KEY);
        workspace = SampleFixture.workspace(home.resolve("ws")).root();
        String config = Files.readString(workspace.resolve("querybench.yaml"))
                .replace("http://localhost:11434", ollama.baseUrl())
                .replace("run:\n", """
                          - name: claude
                            spec: anthropic:claude-sonnet-4-5
                            baseUrl: %s
                            apiKey: {env: ANTHROPIC_API_KEY}
                        run:
                        """.formatted(claude.baseUrl()));
        Files.writeString(workspace.resolve("querybench.yaml"), config);
    }

    @AfterEach
    void tearDown() {
        ollama.close();
        claude.close();
    }

    private CliHarness cli(String anthropicKey) {
        return new CliHarness(home, Map.of("ANTHROPIC_API_KEY", anthropicKey));
    }

    @Test
    void validateModelsChecksEveryProfileAndSaysHowToFixWhatFails() {
        CliHarness.Result r = cli("sk-ant-wrong-99999").run("validate", "models", "--workspace", workspace.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("[FAIL] gpt-4o-mini", "OPENAI_API_KEY is not set", "→ export OPENAI_API_KEY",
                "[ ok ] ollama-qwen-coder", "qwen2.5-coder:7b available",
                "[FAIL] claude", "refused the API key", "Some model endpoints cannot be used");
        assertThat(r.out()).doesNotContain("sk-ant-wrong-99999");
        assertThat(claude.calls()).as("a refused key costs no completion").isZero();
        assertThat(ollama.calls()).as("one minimal completion for the profile that passed").isOne();
        assertThat(r.out()).contains("[ ok ] ollama-qwen-coder answers", "a completion with the profile's settings");

        CliHarness.Result fixed = cli(KEY).run("validate", "models", "--workspace", workspace.toString(), "--model",
                "claude,ollama-qwen-coder");
        assertThat(fixed.exitCode()).as(fixed.out()).isZero();
        assertThat(fixed.out()).contains("claude-sonnet-4-5 available (as claude-sonnet-4-5-20250929)",
                "Every model endpoint answers");
    }

    @Test
    void validateModelsAsksOneRealCompletionWithTheProfilesOwnSettings() throws Exception {
        try (dev.querybench.engine.testing.OpenAiStub openAi = dev.querybench.engine.testing.OpenAiStub.start()
                .models("o4-mini", "gpt-4o-mini")) {
            String config = Files.readString(workspace.resolve("querybench.yaml")).replace("run:\n", """
                      - {name: reasoning, spec: "openai:o4-mini", baseUrl: "%s", temperature: 0, maxTokens: 64}
                      - {name: refused, spec: "openai:gpt-4o-mini", baseUrl: "%s", maxTokens: 64}
                    run:
                    """.formatted(openAi.baseUrl(), openAi.baseUrl()));
            Files.writeString(workspace.resolve("querybench.yaml"), config);
            openAi.fail("Reply with OK.", 400);
            CliHarness.Result r = cli(KEY).run("validate", "models", "--workspace", workspace.toString(), "--model",
                    "reasoning,refused");
            assertThat(r.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
            assertThat(r.out()).contains("[FAIL] refused answers", "failed", "HTTP 400");
            assertThat(openAi.requests()).extracting(req -> req.body().path("model").asText())
                    .containsExactlyInAnyOrder("o4-mini", "gpt-4o-mini");
            dev.querybench.engine.testing.ScriptedModelStub.Request reasoning = openAi.requests().stream()
                    .filter(req -> req.body().path("model").asText().equals("o4-mini")).findFirst().orElseThrow();
            assertThat(reasoning.body().path("max_completion_tokens").asInt()).isEqualTo(64);
            assertThat(reasoning.body().has("temperature")).isFalse();
        }
    }

    @Test
    void validateAloneListsItsChecksAndAnUnknownProfileIsAConfigurationError() {
        CliHarness.Result usage = cli(KEY).run("validate");
        assertThat(usage.exitCode()).isZero();
        assertThat(usage.out()).contains("models");
        CliHarness.Result unknown = cli(KEY).run("validate", "models", "--workspace", workspace.toString(), "--model",
                "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(unknown.err()).contains("no model profiles named [nope]");
        assertThat(cli(KEY).run("--help").out()).contains("validate", "health");
    }

    @Test
    void healthShowsEachEndpointsStateOnce() {
        CliHarness.Result r = cli(KEY).run("health", "--workspace", workspace.toString());
        assertThat(r.exitCode()).as("the OpenAI profile has no key, so it is down").isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("endpoint", "state", "p95", "breaker").containsPattern("gpt-4o-mini\\s+DOWN")
                .containsPattern("ollama-qwen-coder\\s+UP").containsPattern("claude\\s+UP");
    }

    @Test
    void healthWatchPrintsEveryStateChange() throws Exception {
        CliHarness harness = cli(KEY);
        AtomicReference<CliHarness.Result> result = new AtomicReference<>();
        Thread watcher = Thread.ofVirtual().start(() -> result.set(harness.run("health", "--workspace",
                workspace.toString(), "--watch", "--interval", "0.1", "--duration", "4")));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ollama.listCalls() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ollama.failModelsList(Fault.serverError());
        watcher.join(20_000);
        CliHarness.Result r = result.get();
        assertThat(r).as("the watch ended").isNotNull();
        assertThat(r.out()).contains("Watching 3 model endpoints", "ollama-qwen-coder  UP", "ollama-qwen-coder  UP → DOWN",
                "HTTP 500", "claude  UP");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
    }
}
