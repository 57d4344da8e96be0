package dev.querybench.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.anthropic.AnthropicModelAdapter;
import dev.querybench.engine.model.gemini.GeminiModelAdapter;
import dev.querybench.engine.model.ollama.OllamaModelAdapter;
import dev.querybench.engine.model.openai.OpenAiModelAdapter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAdapterFactoryTest {

    private final ModelAdapterFactory factory = new ModelAdapterFactory(new SecretResolver(Map.of("K", "secret-1")));

    private ModelAdapter create(String spec) {
        return factory.create(new ModelConfig("m", spec, null, SecretRef.env("K"), null, null, null));
    }

    @Test
    void eachProviderGetsItsOwnAdapter() {
        assertThat(create("openai:gpt-4o-mini")).isInstanceOf(OpenAiModelAdapter.class);
        assertThat(create("gemini:gemini-2.5-flash")).isInstanceOf(GeminiModelAdapter.class);
        assertThat(create("ollama:qwen2.5-coder:7b")).isInstanceOf(OllamaModelAdapter.class)
                .extracting(ModelAdapter::spec).isEqualTo(new ModelSpec("ollama", "qwen2.5-coder:7b"));
        assertThat(create("anthropic:claude-sonnet-4-5")).isInstanceOf(AnthropicModelAdapter.class);
    }

    @Test
    void profilesAreCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> factory.create(new ModelConfig("m", "openai:gpt-4o-mini", null,
                SecretRef.env("UNSET_KEY"), null, null, null)))
                .hasMessageContaining("UNSET_KEY").hasMessageContaining("not set");
        assertThatThrownBy(() -> create("gpt-4o-mini")).hasMessageContaining("provider:model");
        assertThatThrownBy(() -> create("acme:model")).hasMessageContaining("not supported")
                .isInstanceOfSatisfying(QueryBenchException.class,
                        e -> assertThat(e.error().remedy()).contains("gemini:", "ollama:", "anthropic:"));
        assertThat(ModelSpec.parse("ollama:qwen2.5-coder:7b")).isEqualTo(new ModelSpec("ollama", "qwen2.5-coder:7b"));
        assertThat(ModelSpec.parse("Gemini")).isEqualTo(new ModelSpec("gemini", "gemini-2.5-flash"));
    }

    @Test
    void settingsNeverShowTheKey() {
        ModelSettings settings = new ModelSettings("http://x", "secret-1", 0, 10, java.time.Duration.ofSeconds(1));
        assertThat(settings.toString()).doesNotContain("secret-1").contains("****");
    }
}
