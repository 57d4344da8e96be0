package dev.querybench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLoaderTest {

    @TempDir
    Path dir;

    private void editConfig(String from, String to) throws Exception {
        Path file = dir.resolve("querybench.yaml");
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void theSampleLoadsWithSecretsOnlyByReference() throws Exception {
        Workspace ws = SampleFixture.workspace(dir);
        assertThat(ws.name()).isEqualTo("Ridgeline sample");
        assertThat(ws.config().models().getFirst().apiKey()).isEqualTo(SecretRef.env("OPENAI_API_KEY"));
        assertThat(ws.config().variants()).containsExactly("ddl-basic", "ddl-samples-hints");
        assertThat(ws.prompts().problems()).isEmpty();
        assertThat(new SecretResolver(Map.of("OPENAI_API_KEY", "k")).resolve(SecretRef.env("OPENAI_API_KEY"))).contains("k");
    }

    @Test
    void aPlainTextKeyIsRefusedWithTheFix() throws Exception {
        SampleFixture.workspace(dir);
        editConfig("apiKey: {env: OPENAI_API_KEY}", "apiKey: sk-live-123456");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("querybench.yaml:16:5: models[0].apiKey").hasMessageContaining("never stored")
                .hasMessageNotContaining("sk-live-123456");
    }

    @Test
    void unknownSettingsAndBadValuesAreExplained() throws Exception {
        SampleFixture.workspace(dir);
        editConfig("concurrency: 4", "concurency: 4");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("unknown setting 'concurency'");
        editConfig("concurency: 4", "concurrency: 0");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("at least 1");
        editConfig("concurrency: 0", "concurrency: 4");
        editConfig("models: [gpt-4o-mini]", "models: [gpt-5]");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("run.models names 'gpt-5', which is not a model profile");
        editConfig("models: [gpt-5]", "models: [gpt-4o-mini]");
        editConfig("type: sqlite", "type: oracle");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("'oracle' is not supported");
    }

    @Test
    void fallbackChainsAndResilienceSettingsAreChecked() throws Exception {
        SampleFixture.workspace(dir);
        editConfig("    apiKey: {env: OPENAI_API_KEY}\n", "    apiKey: {env: OPENAI_API_KEY}\n    fallback: [nope]\n");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir))
                .hasMessageContaining("querybench.yaml:17:16: models[0].fallback[0]: the fallback 'nope' is not a model profile");
        editConfig("fallback: [nope]", "fallback: [gpt-4o-mini]");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("names the profile itself");
        editConfig("fallback: [gpt-4o-mini]", "fallback: [ollama-qwen-coder]");
        editConfig("run:\n", "resilience:\n  selection: cheapest\nrun:\n");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("'cheapest' is not known");
        editConfig("selection: cheapest", "selection: cost\n  qualityFloor: 0.7\n  rateLimits: {openai: 0}");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("rateLimits.openai");
        editConfig("rateLimits: {openai: 0}", "rateLimits: {openai: 500}\n  retry: {maxAttempts: 0}");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("resilience.retry");
        editConfig("retry: {maxAttempts: 0}", "retry: {maxAttempts: 3, initialBackoffMillis: 100}\n"
                + "  circuitBreaker: {failureRatePercent: 150}");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("resilience.circuitBreaker");
        editConfig("failureRatePercent: 150", "failureRatePercent: 60, openMillis: 1000");
        editConfig("  matchMode: strict\n", "  matchMode: strict\n  fallback: [gpt-4o-mini, gpt-4o-mini]\n");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("names 'gpt-4o-mini' twice");
        editConfig("fallback: [gpt-4o-mini, gpt-4o-mini]", "fallback: [ollama-qwen-coder]");

        Workspace ws = new WorkspaceLoader().load(dir);
        assertThat(ws.config().models().getFirst().fallback()).containsExactly("ollama-qwen-coder");
        assertThat(ws.config().run().fallback()).containsExactly("ollama-qwen-coder");
        assertThat(ws.config().resilience().selection()).isEqualTo("cost");
        assertThat(ws.config().resilience().rateLimits()).containsEntry("openai", 500);
        assertThat(ws.config().resilience().retry().maxAttempts()).isEqualTo(3);
        assertThat(ws.config().resilience().circuitBreaker().openMillis()).isEqualTo(1000L);
    }

    @Test
    void aSecretReferenceNeedsAName() {
        assertThatThrownBy(() -> new SecretRef(null, null)).hasMessageContaining("env");
        assertThatThrownBy(() -> SecretRef.env("1BAD")).hasMessageContaining("not a valid");
        assertThat(SecretRef.env("X").describe()).isEqualTo("environment variable X");
    }

    @Test
    void aJudgeSectionNamesAModelProfileSeparateFromTheRunModels() throws Exception {
        SampleFixture.workspace(dir);
        editConfig("\nrun:\n", "\njudge: {model: ollama-qwen-coder, prompt: judge-equivalence, includeRows: false}\nrun:\n");
        JudgeConfig judge = new WorkspaceLoader().load(dir).config().judge();
        assertThat(judge).isEqualTo(new JudgeConfig("ollama-qwen-coder", "judge-equivalence", null, false));
        assertThat(judge.enabledOrDefault()).isTrue();
        assertThat(judge.includeRowsOrDefault()).isFalse();
        assertThat(new WorkspaceLoader().load(dir).config().run().models()).containsExactly("gpt-4o-mini");
    }

    @Test
    void aJudgeWithAnUnknownModelOrPromptIsRefusedWithTheNamesToUse() throws Exception {
        SampleFixture.workspace(dir);
        editConfig("\nrun:\n", "\njudge: {model: gpt-5-judge}\nrun:\n");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("judge.model 'gpt-5-judge' is not a model profile");
        assertThat(remedyOfLoading()).contains("models:", "gpt-4o-mini", "ollama-qwen-coder");

        editConfig("judge: {model: gpt-5-judge}", "judge: {prompt: judge-equivalence}");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("judge.model is missing");

        editConfig("judge: {prompt: judge-equivalence}", "judge: {model: gpt-4o-mini, prompt: judge-strict}");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("judge.prompt 'judge-strict' is not in the prompt folder");
        assertThat(remedyOfLoading()).isEqualTo("use one of the judge prompts [judge-equivalence]");

        editConfig("prompt: judge-strict", "prompt: ddl-basic");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir))
                .hasMessageContaining("judge.prompt 'ddl-basic' is a sql-generation template, not a sql-judge one");

        editConfig("judge: {model: gpt-4o-mini, prompt: ddl-basic}", "judge: {modle: gpt-4o-mini}");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).hasMessageContaining("unknown setting 'modle'");
    }

    private String remedyOfLoading() {
        try {
            new WorkspaceLoader().load(dir);
        } catch (ConfigException e) {
            return e.error().remedy();
        }
        throw new AssertionError("the workspace loaded");
    }

    @Test
    void aSwitchedOffJudgeNeedsNoModel() throws Exception {
        SampleFixture.workspace(dir);
        editConfig("\nrun:\n", "\njudge: {enabled: false}\nrun:\n");
        assertThat(new WorkspaceLoader().load(dir).config().judge().enabledOrDefault()).isFalse();
    }

    @Test
    void theStreamingLimitBeyondTheRowCapIsASettingCheckedOnLoad() throws Exception {
        SampleFixture.workspace(dir);
        assertThat(new WorkspaceLoader().load(dir).config().run().maxStreamedRowsOrDefault()).isEqualTo(2_000_000);
        editConfig("rowCap: 10000", "rowCap: 10000\n  maxStreamedRows: 500000");
        assertThat(new WorkspaceLoader().load(dir).config().run().maxStreamedRowsOrDefault()).isEqualTo(500_000);
        editConfig("maxStreamedRows: 500000", "maxStreamedRows: 0");
        assertThat(new WorkspaceLoader().load(dir).config().run().maxStreamedRowsOrDefault()).isZero();
        editConfig("maxStreamedRows: 0", "maxStreamedRows: 500");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("run.maxStreamedRows is 500, below run.rowCap (10000)");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).extracting(e -> ((ConfigException) e).error().remedy())
                .asString().contains("or 0 to compare only the first rowCap rows");
        editConfig("maxStreamedRows: 500", "maxStreamedRows: -1");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("run.maxStreamedRows is -1; it cannot be negative");
        editConfig("maxStreamedRows: -1", "maxStreamedRows: lots");
        assertThatThrownBy(() -> new WorkspaceLoader().load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("querybench.yaml:26:3: run.maxStreamedRows: this should be a whole number, not 'lots'");
    }
}
