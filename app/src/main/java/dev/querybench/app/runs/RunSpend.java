package dev.querybench.app.runs;

import dev.querybench.app.text.CostRule;
import dev.querybench.app.text.Figures;
import dev.querybench.engine.run.ItemResult;
import java.math.BigDecimal;

/**
 * What the run has used so far: tokens and cost of the answers and of the judge, and how many
 * items the judge was asked about.
 */
final class RunSpend {
    private final CostRule costs;
    private long tokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private boolean costUnknown;
    private int judged;

    RunSpend(CostRule costs) {
        this.costs = costs;
    }

    void clear() {
        tokens = 0;
        cost = BigDecimal.ZERO;
        costUnknown = false;
        judged = 0;
    }

    void add(ItemResult item) {
        tokens += item.usage().inputTokens() + item.usage().outputTokens();
        addCost(item.key().model(), item.cost());
        if (item.judge() != null) {
            judged++;
            tokens += item.judge().usage().inputTokens() + item.judge().usage().outputTokens();
            addCost(item.judge().model(), item.judge().cost());
        }
    }

    /** A null amount, or any amount of a model without a price, is unknown (the workbench's one cost rule). */
    private void addCost(String model, BigDecimal amount) {
        if (costs.known(model, amount)) {
            cost = cost.add(amount);
        } else {
            costUnknown = true;
        }
    }

    /** " · 12.3k tokens · $0.0123 · 30 judged", or empty before anything was used. */
    String text() {
        if (tokens == 0 && judged == 0) {
            return "";
        }
        String money = !costUnknown ? Figures.dollars(cost)
                : cost.signum() == 0 ? "cost unknown" : "≥ " + Figures.dollars(cost) + " (some prices unknown)";
        return " · " + Figures.tokens(tokens) + " tokens · " + money + (judged == 0 ? "" : " · " + judged + " judged");
    }
}
