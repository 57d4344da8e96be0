package dev.querybench.app.runs;

import dev.querybench.app.text.VerdictKind;
/** Which results the table shows. */
public enum VerdictFilter {
    ALL("All verdicts", null),
    PASS("Pass only", VerdictKind.PASS),
    FAIL("Fail only", VerdictKind.FAIL),
    ERROR("Error only", VerdictKind.ERROR),
    NOT_PASS("Fail or error", null);

    private final String label;
    private final VerdictKind only;

    VerdictFilter(String label, VerdictKind only) {
        this.label = label;
        this.only = only;
    }

    boolean accepts(VerdictKind verdict) {
        return switch (this) {
            case ALL -> true;
            case NOT_PASS -> verdict != VerdictKind.PASS;
            default -> verdict == only;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
