package dev.querybench.engine.errors;

import java.util.Objects;

/**
 * A failure as every surface shows it: what is wrong, where (a file position or the setting's
 * place; empty when the failure has no place), and the fix. The CLI prints {@link #lines()}, the
 * workbench's banners and status lines show {@link #oneLine()}, and both come from the same
 * {@link ErrorResponse} or {@link FileProblem}, so a failure reads the same wherever it is met.
 * Immutable.
 *
 * @param what what is wrong, in plain words
 * @param where {@code file:line:column} or another place, or empty
 * @param fix the next step the user can take, or empty
 */
public record Explanation(String what, String where, String fix) {

    public Explanation {
        what = Objects.requireNonNullElse(what, "");
        where = Objects.requireNonNullElse(where, "");
        fix = Objects.requireNonNullElse(fix, "");
    }

    public static Explanation of(ErrorResponse error) {
        return new Explanation(error.message(), "", error.remedy());
    }

    /**
     * Any failure: the {@link ErrorResponse} of the first {@link QueryBenchException} in its cause
     * chain, otherwise its own message (or its kind, when it has none) without a fix.
     */
    public static Explanation of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof QueryBenchException q) {
                return of(q.error());
            }
        }
        String message = failure.getMessage();
        return new Explanation(message == null || message.isBlank() ? failure.getClass().getSimpleName() : message,
                "", "");
    }

    /**
     * A bare message with no place and no fix, as a run store written before items kept their
     * failure's place and fix holds it; null stays null (no failure).
     */
    public static Explanation ofMessage(String what) {
        return what == null ? null : new Explanation(what, "", "");
    }

    /** The fix, or the given one when the failure names none. */
    public String fixOr(String fallback) {
        return fix.isBlank() ? fallback : fix;
    }

    /** Where and what: {@code querybench.yaml:23:3: unknown match mode 'fuzzy'}. */
    public String headline() {
        return where.isEmpty() ? what : where + ": " + what;
    }

    /** Headline and fix on one line, for a banner or status line. */
    public String oneLine() {
        return fix.isBlank() ? headline() : headline() + " — " + fix;
    }

    /** Headline, then the fix on its own line after an arrow, as the CLI prints a failure. */
    public String lines() {
        return fix.isBlank() ? headline() : headline() + System.lineSeparator() + "  → " + fix;
    }
}
