package dev.querybench.app.text;

import java.math.BigDecimal;
import java.util.function.Predicate;

/**
 * The one rule for showing what a model's answers cost, on every card, progress line and report
 * in the workbench: a model without a price has an unknown cost — never "$0.00", even when all
 * its answers came from the cache or failed (which the engine counts as zero). Immutable.
 */
public final class CostRule {

    private final Predicate<String> priced;

    /**
     * @param priced whether a model (profile name or {@code provider:model} spec, as runs store it)
     *     has a price in the workspace's price table
     */
    public CostRule(Predicate<String> priced) {
        this.priced = priced;
    }

    /** Every model priced; a cost is unknown only where the engine says so (null). */
    public static CostRule engineCosts() {
        return new CostRule(model -> true);
    }

    /** True when {@code cost} of {@code model}'s answers is a real figure. */
    public boolean known(String model, BigDecimal cost) {
        return cost != null && priced.test(model);
    }

    /** "$0.0123 · $0.0004 per correct", or "cost unknown (no price for gpt-x)". */
    public String cellText(String model, BigDecimal cost, BigDecimal perCorrect) {
        if (!known(model, cost)) {
            return "cost unknown (no price for " + model + ")";
        }
        return Figures.dollars(cost) + (perCorrect == null ? "" : " · " + Figures.dollars(perCorrect) + " per correct");
    }

    /** A short form for a card: "$0.0123" or "cost unknown". */
    public String shortText(String model, BigDecimal cost) {
        return known(model, cost) ? Figures.dollars(cost) : "cost unknown";
    }
}
