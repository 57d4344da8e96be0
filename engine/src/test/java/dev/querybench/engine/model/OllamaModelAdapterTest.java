package dev.querybench.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.model.ollama.OllamaModelAdapter;
import dev.querybench.engine.testing.OllamaStub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Ollama adapter against the Ollama stub. The contract's key checks model a server behind
 * an authenticating proxy; a plain local server needs no key.
 */
class OllamaModelAdapterTest extends ModelAdapterContract<OllamaStub> {

    @Override
    OllamaStub startStub() {
        return OllamaStub.start();
    }

    @Override
    String provider() {
        return "ollama";
    }

    @Override
    String knownModel() {
        return "qwen2.5-coder:7b";
    }

    /** The provider sends {@code retry-after} in whole seconds. */
    @Override
    Duration expectedRetryHint(Duration asked) {
        return Duration.ofSeconds(Math.max(1, (asked.toMillis() + 999) / 1000));
    }

    @Override
    double sentTemperature(JsonNode body) {
        return body.path("options").path("temperature").asDouble();
    }

    @Override
    int sentMaxTokens(JsonNode body) {
        return body.path("options").path("num_predict").asInt();
    }

    @Test
    void aLocalServerNeedsNoKeyAndIsAskedForOneAnswerNotAStream() {
        try (OllamaStub local = OllamaStub.start()) {
            local.answer("hi", "hello");
            ModelAdapter adapter = factory.create(new ModelConfig("local", "ollama:qwen2.5-coder:7b", local.baseUrl(),
                    null, null, null, null));
            assertThat(adapter.complete("hi").text()).isEqualTo("hello");
            assertThat(local.lastRequest().headers()).doesNotContainKey("Authorization");
            assertThat(local.lastRequest().body().path("stream").asBoolean(true)).isFalse();
        }
    }

    @Test
    void theDefaultEndpointIsTheLocalOllama() {
        assertThat(OllamaModelAdapter.DEFAULT_BASE_URL).isEqualTo("http://localhost:11434");
    }
}
