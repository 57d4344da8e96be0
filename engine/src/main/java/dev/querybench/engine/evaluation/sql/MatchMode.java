package dev.querybench.engine.evaluation.sql;

import java.util.Arrays;
import java.util.Locale;

/** Execution match modes of EVALUATION.md. */
public enum MatchMode {
    /** Multiset rows, ordered only when gold's outermost query orders; columns may be permuted. */
    STRICT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException listing the supported modes
     */
    public static MatchMode parse(String text) {
        return Arrays.stream(values()).filter(m -> m.id().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown match mode '" + text + "'; supported: "
                        + Arrays.stream(values()).map(MatchMode::id).toList()));
    }
}
