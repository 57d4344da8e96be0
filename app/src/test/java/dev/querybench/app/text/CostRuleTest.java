package dev.querybench.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostRuleTest {

    private final CostRule rule = new CostRule(model -> model.equals("priced"));

    @Test
    void aModelWithoutAPriceHasAnUnknownCostEvenWhenItsAnswersCostNothing() {
        // Answers from the cache, or calls that failed, are counted as zero by the engine.
        assertThat(rule.cellText("unpriced", BigDecimal.ZERO, BigDecimal.ZERO))
                .isEqualTo("cost unknown (no price for unpriced)");
        assertThat(rule.shortText("unpriced", new BigDecimal("0.5"))).isEqualTo("cost unknown");
        assertThat(rule.known("priced", null)).isFalse();
        assertThat(rule.cellText("priced", new BigDecimal("0.0123"), new BigDecimal("0.0004")))
                .isEqualTo("$0.01 · $0.0004 per correct");
        assertThat(rule.cellText("priced", BigDecimal.ZERO, null)).isEqualTo("$0.00");
    }
}
