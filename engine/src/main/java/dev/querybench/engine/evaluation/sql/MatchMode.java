package dev.querybench.engine.evaluation.sql;

import java.util.Arrays;
import java.util.Locale;

/**
 * Execution match modes. docs/evaluation.md defines each one rule by rule, with a table of all of
 * them side by side and, for the modes that reproduce an official evaluator, the file and function
 * each rule comes from.
 */
public enum MatchMode {
    /**
     * Ours, the default: rows as a bag, ordered only when gold's outermost query orders (rows with
     * equal ORDER BY keys in any order); the prediction may permute columns (matched as whole rows);
     * numbers with a relative tolerance.
     */
    STRICT,
    /** Ours: the results as sets of rows (order and duplicates ignored), columns in order, numbers with the tolerance. */
    SET,
    /** Ours: as strict, but every gold column must equal a distinct predicted column and extra columns are allowed. */
    SUBSET,
    /** The Spider test-suite evaluator ({@code exec_eval.py}), quirks included: see {@link SpiderComparator}. */
    SPIDER,
    /** defog sql-eval's {@code compare_query_results} (exact, then subset), quirks included: see {@link DefogComparator}. */
    DEFOG,
    /** BIRD's {@code evaluation_ex.py}: {@code set(predicted) == set(gold)}, exact values, columns in order. */
    BIRD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the mode reproduces an official evaluator's verdicts (and its quirks) rather than our rules. */
    public boolean official() {
        return this == SPIDER || this == DEFOG || this == BIRD;
    }

    /**
     * @throws IllegalArgumentException listing the supported modes
     */
    public static MatchMode parse(String text) {
        return Arrays.stream(values()).filter(m -> m.id().equalsIgnoreCase(String.valueOf(text).strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown match mode '" + text + "'; supported: "
                        + Arrays.stream(values()).map(MatchMode::id).toList()));
    }
}
