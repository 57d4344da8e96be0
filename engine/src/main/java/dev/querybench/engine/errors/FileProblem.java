package dev.querybench.engine.errors;

import java.util.Objects;

/**
 * One problem in a file the user wrote, in the form every message about such files takes: where
 * ({@code file:line:column} and the field), what is wrong, and the fix. Immutable.
 *
 * @param file the file's name as the user knows it, such as {@code querybench.yaml}
 * @param line 1-based line in the file, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param field the setting's path, such as {@code run.matchMode} or {@code questions[3].gold}; empty for the file
 * @param what what is wrong, in the user's words
 * @param fix what to change
 */
public record FileProblem(String file, int line, int column, String field, String what, String fix) {

    public FileProblem {
        Objects.requireNonNull(file, "file");
        field = field == null ? "" : field;
        what = what == null ? "" : what;
        fix = fix == null ? "" : fix;
    }

    /** {@code file:line:column}, as editors and terminals link it. */
    public String where() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }

    /** {@code querybench.yaml:23:3: run.matchMode: unknown match mode 'fuzzy'}. */
    public String message() {
        return explanation().headline();
    }

    /** What (led by the field unless it names it already), where and the fix. */
    public Explanation explanation() {
        boolean named = field.isEmpty() || what.startsWith(field + " ") || what.startsWith(field + ".");
        return new Explanation((named ? "" : field + ": ") + what, where(), fix);
    }

    public ErrorResponse toResponse(ErrorCategory category) {
        return ErrorResponse.of(category, message(), fix);
    }
}
