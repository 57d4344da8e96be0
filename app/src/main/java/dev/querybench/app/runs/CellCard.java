package dev.querybench.app.runs;

import java.util.Locale;

/**
 * The figures of one (variant, model) cell, as a summary card shows them.
 *
 * @param variant prompt variant
 * @param model model profile or spec
 * @param passed PASS items
 * @param failed FAIL items
 * @param errors ERROR items (not counted in accuracy)
 * @param planned items the run plans for this cell
 * @param accuracy PASS / (PASS + FAIL), NaN before any item was judged
 * @param low lower end of the 95% Wilson interval
 * @param high upper end of the 95% Wilson interval
 * @param latencyP50Ms median model latency, or -1 while the run is going
 * @param tokens prompt and completion tokens, or -1 while the run is going
 */
public record CellCard(String variant, String model, int passed, int failed, int errors, int planned,
        double accuracy, double low, double high, long latencyP50Ms, long tokens) {

    public int done() {
        return passed + failed + errors;
    }

    public String accuracyText() {
        return Double.isNaN(accuracy) ? "—" : percent(accuracy);
    }

    public String intervalText() {
        return Double.isNaN(accuracy) ? "95% CI appears after the first verdict"
                : "95% CI " + percent(low) + " – " + percent(high);
    }

    public String countsText() {
        return "pass " + passed + " · fail " + failed + " · error " + errors;
    }

    public String detailText() {
        if (latencyP50Ms < 0) {
            return done() + " of " + planned + " items";
        }
        // A cell with items no model answered says so rather than reading as finished.
        String items = done() < planned ? "answered " + done() + " of " + planned + " items" : done() + " items";
        return items + " · p50 " + latencyP50Ms + " ms · " + tokensText(tokens) + " tokens";
    }

    /** Bar length between 0 and 1; 0 before any verdict. */
    public double bar() {
        return Double.isNaN(accuracy) ? 0 : accuracy;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    private static String tokensText(long tokens) {
        return tokens < 1000 ? Long.toString(tokens) : String.format(Locale.ROOT, "%.1fk", tokens / 1000.0);
    }
}
