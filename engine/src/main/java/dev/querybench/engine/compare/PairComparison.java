package dev.querybench.engine.compare;

import dev.querybench.engine.stats.Accuracy;
import dev.querybench.engine.stats.McNemar;

/**
 * Two cells of one run compared on the questions both judged: B's gain over A and whether it
 * is more than chance.
 *
 * @param a the baseline cell
 * @param b the cell compared with it
 * @param accuracyA A's accuracy over all its judged items
 * @param accuracyB B's accuracy over all its judged items
 * @param test the exact McNemar test over paired questions
 */
public record PairComparison(CellKey a, CellKey b, Accuracy accuracyA, Accuracy accuracyB, McNemar.Result test) {

    /** B minus A over the paired questions, in percentage points. */
    public double differencePoints() {
        return test.differencePoints();
    }

    /** Questions A got wrong and B right. */
    public int flippedToRight() {
        return test.aWrongBRight().size();
    }

    /** Questions A got right and B wrong. */
    public int flippedToWrong() {
        return test.aRightBWrong().size();
    }
}
