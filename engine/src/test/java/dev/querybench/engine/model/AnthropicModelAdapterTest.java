package dev.querybench.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.model.anthropic.AnthropicModelAdapter;
import dev.querybench.engine.testing.AnthropicStub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Anthropic adapter against the Anthropic stub. */
class AnthropicModelAdapterTest extends ModelAdapterContract<AnthropicStub> {

    @Override
    AnthropicStub startStub() {
        return AnthropicStub.start();
    }

    @Override
    String provider() {
        return "anthropic";
    }

    @Override
    String knownModel() {
        return "claude-sonnet-4-5";
    }

    /** The provider sends {@code retry-after} in whole seconds. */
    @Override
    Duration expectedRetryHint(Duration asked) {
        return Duration.ofSeconds(Math.max(1, (asked.toMillis() + 999) / 1000));
    }

    @Override
    double sentTemperature(JsonNode body) {
        return body.path("temperature").asDouble();
    }

    @Override
    int sentMaxTokens(JsonNode body) {
        return body.path("max_tokens").asInt();
    }

    @Test
    void anAliasIsAnsweredByTheDatedSnapshotAndTheApiVersionIsSent() {
        Completion c = adapter().complete("hi");
        assertThat(c.modelId()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(stub.lastRequest().headers().get("Anthropic-version"))
                .containsExactly(AnthropicModelAdapter.API_VERSION);
        assertThat(stub.lastRequest().headers().get("X-api-key")).containsExactly(KEY);
    }
}
