package dev.querybench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    private final PriceTable shipped = PriceTable.shipped();

    @Test
    void currentModelsArePricedPerMillionTokens() {
        assertThat(shipped.asOf()).isNotBlank();
        assertThat(shipped.cost("openai:gpt-4o-mini", new Usage(1_000_000, 500_000)))
                .contains(new BigDecimal("0.45000000"));
        assertThat(shipped.price("gemini:gemini-2.5-flash")).isPresent();
        assertThat(shipped.price(ModelSpec.parse("anthropic:claude-sonnet-4-5"))).isPresent();
    }

    @Test
    void aDatedSnapshotTakesThePriceOfTheLongestSpecItStartsWith() {
        assertThat(shipped.price("openai:gpt-4o-mini-2024-07-18")).isEqualTo(shipped.price("openai:gpt-4o-mini"));
        assertThat(shipped.price("openai:gpt-4o-2024-11-20")).isEqualTo(shipped.price("openai:gpt-4o"));
        assertThat(shipped.price("anthropic:claude-sonnet-4-5-20250929"))
                .isEqualTo(shipped.price("anthropic:claude-sonnet-4-5"));
    }

    @Test
    void localModelsAreFreeAndUnknownModelsHaveNoPriceRatherThanZero() {
        assertThat(shipped.cost("ollama:qwen2.5-coder:7b", new Usage(5000, 500))).contains(new BigDecimal("0E-8"));
        assertThat(shipped.price("openai:my-finetune")).isEmpty();
        assertThat(shipped.price("")).isEmpty();
        assertThat(shipped.price("not a spec")).isEmpty();
        assertThat(PriceTable.empty().price("openai:gpt-4o-mini")).isEmpty();
    }

    @Test
    void aWorkspaceFileOverridesAndExtendsTheShippedPrices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.yaml");
        assertThat(shipped.overriddenBy(file)).as("no file, no change").isSameAs(shipped);
        Files.writeString(file, """
                asOf: 2026-11-01
                prices:
                  "openai:gpt-4o-mini": {input: 0.10, output: 0.40}
                  "openai:my-finetune": {input: 3, output: 12}
                """);
        PriceTable mine = shipped.overriddenBy(file);
        assertThat(mine.asOf()).isEqualTo("2026-11-01");
        assertThat(mine.price("openai:gpt-4o-mini").orElseThrow().input()).isEqualByComparingTo("0.10");
        assertThat(mine.price("openai:my-finetune")).isPresent();
        assertThat(mine.price("anthropic:claude-sonnet-4-5")).isEqualTo(shipped.price("anthropic:claude-sonnet-4-5"));
        assertThat(mine.with("openai:x", new PriceTable.Price(BigDecimal.ONE, BigDecimal.ONE)).entries())
                .containsKey("openai:x");
    }

    @Test
    void aBrokenPriceFileSaysWhatToWrite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, "prices:\n  \"openai:gpt-4o\": {input: 1, outptu: 2}\n");
        assertThatThrownBy(() -> shipped.overriddenBy(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("prices.yaml");
        Files.writeString(file, "prices:\n  \"openai:gpt-4o\": {input: -1, output: 2}\n");
        assertThatThrownBy(() -> shipped.overriddenBy(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("non-negative");
    }
}
