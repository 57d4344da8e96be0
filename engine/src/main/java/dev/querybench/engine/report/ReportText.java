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

    static String html(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
