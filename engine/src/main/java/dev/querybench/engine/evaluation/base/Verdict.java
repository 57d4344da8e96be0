package dev.querybench.engine.evaluation.base;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one prediction was judged.
 *
 * @param outcome PASS, FAIL or ERROR
 * @param score 1.0 for PASS, 0.0 otherwise (judges may give partial scores)
 * @param mode the match mode or strategy that judged it
 * @param flags marks such as {@code vacuous} or {@code order-sensitive}, sorted
 * @param failureCategory why it failed, or null unless FAIL
 * @param reason a short human explanation ("row count 12 vs 10")
 * @param missingRows a few gold rows the prediction lacks, as text
 * @param extraRows a few predicted rows gold lacks, as text
 */
public record Verdict(
        Outcome outcome, double score, String mode, Set<String> flags, FailureCategory failureCategory,
        String reason, List<List<String>> missingRows, List<List<String>> extraRows) {

    public Verdict {
        flags = java.util.Collections.unmodifiableSet(new TreeSet<>(flags));
        missingRows = List.copyOf(missingRows);
        extraRows = List.copyOf(extraRows);
        reason = reason == null ? "" : reason;
    }

    public static Verdict pass(String mode, Set<String> flags, String reason) {
        return new Verdict(Outcome.PASS, 1.0, mode, flags, null, reason, List.of(), List.of());
    }

    public static Verdict fail(String mode, Set<String> flags, FailureCategory category, String reason,
            List<List<String>> missing, List<List<String>> extra) {
        return new Verdict(Outcome.FAIL, 0.0, mode, flags, category, reason, missing, extra);
    }

    public static Verdict error(String mode, String reason) {
        return new Verdict(Outcome.ERROR, 0.0, mode, Set.of(), null, reason, List.of(), List.of());
    }
}
