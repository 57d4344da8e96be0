package dev.querybench.engine.stats;

import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact McNemar test between two cells judged on the same questions: only discordant pairs
 * count (b: A right and B wrong; c: A wrong and B right), and under no difference each is a fair
 * coin flip, so p = P(X ≤ min(b, c)) · 2 for X ~ Binomial(b + c, ½), capped at 1. Questions with
 * an ERROR in either cell are left out. Stateless and thread-safe.
 */
public final class McNemar {

    /**
     * @param pairs questions judged in both cells
     * @param aRightBWrong questions A got right and B wrong (b)
     * @param aWrongBRight questions A got wrong and B right (c)
     * @param pValue two-sided exact p-value
     */
    public record Result(int pairs, List<String> aRightBWrong, List<String> aWrongBRight, double pValue) {
        public Result {
            aRightBWrong = List.copyOf(aRightBWrong);
            aWrongBRight = List.copyOf(aWrongBRight);
        }

        /** B's accuracy minus A's over the paired questions, in percentage points. */
        public double differencePoints() {
            return pairs == 0 ? 0 : 100.0 * (aWrongBRight.size() - aRightBWrong.size()) / pairs;
        }
    }

    /** Compares cell A's items with cell B's, pairing them by question id (and repeat). */
    public Result compare(Collection<ItemResult> a, Collection<ItemResult> b) {
        Map<String, ItemResult> byQuestion = new LinkedHashMap<>();
        for (ItemResult item : a) {
            byQuestion.put(item.key().questionId() + "#" + item.key().repeat(), item);
        }
        int pairs = 0;
        List<String> bWorse = new ArrayList<>();
        List<String> bBetter = new ArrayList<>();
        for (ItemResult right : b) {
            ItemResult left = byQuestion.get(right.key().questionId() + "#" + right.key().repeat());
            if (left == null || left.outcome() == Outcome.ERROR || right.outcome() == Outcome.ERROR) {
                continue;
            }
            pairs++;
            boolean aPass = left.outcome() == Outcome.PASS;
            boolean bPass = right.outcome() == Outcome.PASS;
            if (aPass && !bPass) {
                bWorse.add(right.key().questionId());
            } else if (!aPass && bPass) {
                bBetter.add(right.key().questionId());
            }
        }
        return new Result(pairs, bWorse, bBetter, exactPValue(bWorse.size(), bBetter.size()));
    }

    /** Two-sided exact binomial p-value for b and c discordant pairs. */
    public static double exactPValue(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        // Sum C(n, i) / 2^n for i ≤ k in log space, so large n neither overflows nor underflows.
        double logHalfN = -n * Math.log(2);
        double tail = 0;
        double logC = 0;
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logC += Math.log(n - i + 1) - Math.log(i);
            }
            tail += Math.exp(logC + logHalfN);
        }
        return Math.min(1.0, 2 * tail);
    }
}
