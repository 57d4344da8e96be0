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

    @Test
    void reasoningModelsAreSentMaxCompletionTokensAndNoTemperature() {
        try (OpenAiStub openAi = OpenAiStub.start().models("gpt-4o-mini", "o4-mini", "gpt-5-mini", "o3")) {
            for (String model : java.util.List.of("o4-mini", "gpt-5-mini", "o3")) {
                ModelAdapter adapter = factory.create(new ModelConfig("r", "openai:" + model, openAi.baseUrl(), null,
                        0.0, 300, 5));
                assertThat(adapter.complete("hi").text()).as(model).isNotEmpty();
                JsonNode body = openAi.lastRequest().body();
                assertThat(body.path("max_completion_tokens").asInt()).as(model).isEqualTo(300);
                assertThat(body.has("max_tokens")).as(model).isFalse();
                assertThat(body.has("temperature")).as(model).isFalse();
            }
            ModelAdapter classic = factory.create(new ModelConfig("c", "openai:gpt-4o-mini", openAi.baseUrl(), null,
                    0.2, 300, 5));
            classic.complete("hi");
            assertThat(openAi.lastRequest().body().path("max_tokens").asInt()).isEqualTo(300);
            assertThat(openAi.lastRequest().body().path("temperature").asDouble()).isEqualTo(0.2);
        }
        assertThat(dev.querybench.engine.model.openai.OpenAiModelAdapter.reasoningFamily("ft:o4-mini:acme:x")).isTrue();
        assertThat(dev.querybench.engine.model.openai.OpenAiModelAdapter.reasoningFamily("omni-local")).isFalse();
    }
}
