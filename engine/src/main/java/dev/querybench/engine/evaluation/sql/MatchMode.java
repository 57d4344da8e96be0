package dev.querybench.engine.evaluation.sql;

import java.util.Arrays;
import java.util.Locale;

/** Execution match modes, as EVALUATION.md defines them. */
public enum MatchMode {
    /**
     * Multiset rows, ordered only when gold's outermost query orders; the prediction may permute
     * columns (matched as whole rows); numbers with a relative tolerance. The default.
     */
    STRICT,
    /** BIRD: the results as sets of row tuples; order and duplicates ignored, column order matters. */
    SET,
    /** defog sql-eval: every gold column must equal a distinct predicted column; extra columns allowed. */
    SUBSET,
    /**
     * The Spider test-suite evaluator, quirks included: DISTINCT removed from both queries, order
     * matters when gold's text contains "order by", two empty results always match, exact numbers.
     */
    SPIDER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
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
