package dev.querybench.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.testing.GeminiStub;
import org.junit.jupiter.api.Test;

/** The Gemini adapter against the Gemini stub. */
class GeminiModelAdapterTest extends ModelAdapterContract<GeminiStub> {

    @Override
    GeminiStub startStub() {
        return GeminiStub.start();
    }

    @Override
    String provider() {
        return "gemini";
    }

    @Override
    String knownModel() {
        return "gemini-2.5-flash";
    }

    @Override
    double sentTemperature(JsonNode body) {
        return body.path("generationConfig").path("temperature").asDouble();
    }

    @Override
    int sentMaxTokens(JsonNode body) {
        return body.path("generationConfig").path("maxOutputTokens").asInt();
    }

    @Test
    void aBareGeminiSpecMeansGemini25FlashAndTheKeyTravelsInItsHeader() {
        ModelAdapter adapter = factory.create(new ModelConfig("g", "gemini", stub.baseUrl(), SecretRef.env("TEST_KEY"),
                null, null, null));
        assertThat(adapter.spec()).isEqualTo(new ModelSpec("gemini", "gemini-2.5-flash"));
        adapter.complete("hi");
        assertThat(stub.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(stub.lastRequest().headers().get("X-goog-api-key")).containsExactly(KEY);
    }
}
