package dev.querybench.app.compare;

import dev.querybench.app.text.CostRule;
import dev.querybench.app.text.Figures;
import dev.querybench.engine.compare.CellKey;
import dev.querybench.engine.compare.PairComparison;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.stats.Accuracy;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.JudgeAgreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The comparison's strip of cards, one per (variant, model) with accuracy and its interval, and
 * the paired test between the two picked cards (A and B). The strip can be collapsed to one line
 * so the questions get the screen. A and B start as the run's best-populated pair on the same
 * model ({@link RunComparison#defaultPair()}). Call from the UI thread only.
 */
public final class CardStripViewModel {

    private final RunComparison comparison;
    private final List<CellKey> cells;
    private final CostRule costs;
    private final ObservableList<CompareCard> cards = FXCollections.observableArrayList();
    private final ObservableList<CompareCard> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyIntegerWrapper cellA = new ReadOnlyIntegerWrapper(this, "cellA", -1);
    private final ReadOnlyIntegerWrapper cellB = new ReadOnlyIntegerWrapper(this, "cellB", -1);
    private final ReadOnlyStringWrapper pairText = new ReadOnlyStringWrapper(this, "pairText", "");
    private final ReadOnlyStringWrapper pairDetail = new ReadOnlyStringWrapper(this, "pairDetail", "");
    private final BooleanProperty collapsed = new SimpleBooleanProperty(this, "collapsed", false);

    CardStripViewModel(RunComparison comparison, CostRule costs) {
        this.comparison = comparison;
        this.cells = comparison.cells();
        this.costs = costs;
        comparison.defaultPair().ifPresent(pair -> {
            cellA.set(pair[0]);
            cellB.set(pair[1]);
        });
        if (cellA.get() < 0 && !cells.isEmpty()) {
            cellA.set(0);
        }
        refresh();
    }

    /**
     * Picks a card for the comparison: the first pick replaces A when both are set and the card
     * is neither; picking A or B again swaps them.
     */
    public void pickCard(int index) {
        if (index < 0 || index >= cells.size()) {
            return;
        }
        if (index == cellA.get() || index == cellB.get()) {
            int a = cellA.get();
            cellA.set(cellB.get());
            cellB.set(a);
        } else if (cellA.get() < 0) {
            cellA.set(index);
        } else {
            cellB.set(index);
        }
        refresh();
    }

    /** Sets A and B explicitly. */
    public void comparePair(int a, int b) {
        if (a >= 0 && b >= 0 && a < cells.size() && b < cells.size() && a != b) {
            cellA.set(a);
            cellB.set(b);
            refresh();
        }
    }

    /** Collapses the cards to the A/B line, or opens them again. */
    public void toggleCollapsed() {
        collapsed.set(!collapsed.get());
    }

    private void refresh() {
        List<CompareCard> next = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String role = i == cellA.get() ? "A" : i == cellB.get() ? "B" : "";
            next.add(card(i, comparison.summary(cells.get(i)), role, judgeLine(cells.get(i))));
        }
        cards.setAll(next);
        if (cellA.get() < 0 || cellB.get() < 0) {
            pairText.set(cells.size() < 2 ? "This run has one column; run two variants or models to compare them."
                    : "Pick two cards to compare them.");
            pairDetail.set("");
            return;
        }
        PairComparison pair = comparison.compare(cells.get(cellA.get()), cells.get(cellB.get()));
        pairText.set(String.format(Locale.ROOT, "B − A = %+.1f pts · McNemar p = %s · %s flip to right · %s flip to wrong",
                pair.differencePoints(), pValue(pair.test().pValue()), pair.flippedToRight(), pair.flippedToWrong()));
        pairDetail.set("A = " + pair.a().label() + ", B = " + pair.b().label() + " · " + pair.test().pairs()
                + " questions judged in both" + (pair.test().pValue() < 0.05 ? " · the difference is unlikely to be chance"
                        : " · the difference may be chance"));
    }

    /** "judge agrees with execution on 47/50 · 2 FAIL judged equivalent", or empty for a column not judged. */
    private String judgeLine(CellKey cell) {
        List<JudgeAgreement.CellAgreement> found = new JudgeAgreement().cells(comparison.items(cell));
        if (found.isEmpty()) {
            return "";
        }
        JudgeAgreement.CellAgreement a = found.getFirst();
        return a.describe() + (a.failJudgedEquivalent().isEmpty() ? ""
                : " · " + a.failJudgedEquivalent().size() + " FAIL judged equivalent");
    }

    private CompareCard card(int index, CellSummary s, String role, String judgeText) {
        Accuracy accuracy = s.accuracy();
        boolean none = accuracy.total() == 0;
        return new CompareCard(index, s.variant(), s.model(), none ? "—" : percent(accuracy.value()),
                none ? "no verdicts" : "95% CI " + percent(accuracy.low()) + " – " + percent(accuracy.high()),
                none ? 0 : accuracy.value(), none ? 0 : accuracy.low(), none ? 0 : accuracy.high(),
                "pass " + s.passed() + " · fail " + s.failed() + " · error " + s.errors(),
                "p50 " + s.latencyP50Ms() + " ms · p95 " + s.latencyP95Ms() + " ms",
                Figures.tokens(s.inputTokens() + s.outputTokens()) + " tokens · "
                        + costs.cellText(s.model(), s.cost(), s.costPerCorrect()),
                role, judgeText);
    }

    static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    // ---- properties

    public ObservableList<CompareCard> cards() {
        return cardsView;
    }

    public ReadOnlyIntegerProperty cellAProperty() {
        return cellA.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty cellBProperty() {
        return cellB.getReadOnlyProperty();
    }

    /** "B − A = +7.4 pts · McNemar p = 0.289 · 6 flip to right · 2 flip to wrong". */
    public ReadOnlyStringProperty pairTextProperty() {
        return pairText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pairDetailProperty() {
        return pairDetail.getReadOnlyProperty();
    }

    /** True while the cards are folded away to the A/B line. */
    public BooleanProperty collapsedProperty() {
        return collapsed;
    }
}
