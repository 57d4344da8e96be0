package dev.querybench.engine.report;

import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.Accuracy;
import dev.querybench.engine.stats.CellSummary;
import java.util.List;

/** Small formatting helpers shared by the human-readable reports. */
final class ReportText {

    private ReportText() {}

    static String percent(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.1f%%", 100 * value);
    }

    static String interval(Accuracy a) {
        return String.format("[%.1f, %.1f]", 100 * a.low(), 100 * a.high());
    }

    static String label(CellSummary c) {
        return c.variant() + " · " + c.model();
    }

    static List<ItemResult> itemsOf(RunResults results, CellSummary cell) {
        return results.items().stream()
                .filter(i -> i.key().variant().equals(cell.variant()) && i.key().model().equals(cell.model())).toList();
    }

    static String list(List<String> ids) {
        if (ids.isEmpty()) {
            return "—";
        }
        return ids.size() <= 12 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 12)) + " … (" + ids.size() + ")";
    }

    /** Text on one line (for list items and table cells), at most 300 characters. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 299) + "…";
    }

    /** US dollars, or "n/a" when a price is missing. */
    /** Dollars to the cent from $1 up, and to four significant digits below (token prices are tiny). */
    static String money(java.math.BigDecimal amount) {
        if (amount == null) {
            return "n/a (a model has no price)";
        }
        java.math.BigDecimal shown = amount.abs().compareTo(java.math.BigDecimal.ONE) >= 0
                ? amount.setScale(2, java.math.RoundingMode.HALF_UP)
                : amount.round(new java.math.MathContext(4, java.math.RoundingMode.HALF_UP)).stripTrailingZeros();
        return "$" + shown.toPlainString();
    }

    /** A judge verdict as a short mark for a matrix cell. */
    static String judgeMark(dev.querybench.engine.evaluation.base.JudgeVerdict judge) {
        if (judge == null) {
            return "";
        }
        return switch (judge.decision()) {
            case EQUIVALENT -> " ⚖✓";
            case NOT_EQUIVALENT -> " ⚖✗";
            case UNSURE -> " ⚖?";
            case ERROR -> " ⚖!";
        };
    }
}
