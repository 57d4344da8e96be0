package dev.querybench.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.testing.OpenAiStub;
import org.junit.jupiter.api.Test;

/** The OpenAI adapter against the OpenAI stub; also any OpenAI-compatible server by base URL. */
class OpenAiModelAdapterTest extends ModelAdapterContract<OpenAiStub> {

    @Override
    OpenAiStub startStub() {
        return OpenAiStub.start();
    }

    @Override
    String provider() {
        return "openai";
    }

    @Override
    String knownModel() {
        return "gpt-4o-mini";
    }

    @Override
    double sentTemperature(JsonNode body) {
        return body.path("temperature").asDouble();
    }

    @Override
    int sentMaxTokens(JsonNode body) {
        return body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt());
    }

    @Test
    void anOpenAiCompatibleServerNeedsNoKey() {
        try (OpenAiStub local = OpenAiStub.start().models("qwen2.5-coder:7b")) {
            local.answer("hi", "hello");
            ModelAdapter adapter = factory.create(new ModelConfig("local", "openai:qwen2.5-coder:7b", local.baseUrl(),
                    null, null, null, null));
            assertThat(adapter.complete("hi").text()).isEqualTo("hello");
            assertThat(local.lastRequest().headers().get("Authorization")).containsExactly("Bearer no-key");
        }
    }
}
