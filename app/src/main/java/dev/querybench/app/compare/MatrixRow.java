package dev.querybench.app.compare;

import java.util.List;
import java.util.Locale;

/**
 * One question across every (variant, model) column.
 *
 * @param questionId the question's id
 * @param question its text
 * @param difficulty easy, medium, hard or blank
 * @param tags its tags
 * @param cells one per column, in column order
 * @param disagreement true when the columns do not all agree
 */
public record MatrixRow(String questionId, String question, String difficulty, List<String> tags,
        List<MatrixCell> cells, boolean disagreement) {

    public MatrixRow {
        tags = List.copyOf(tags);
        cells = List.copyOf(cells);
    }

    public MatrixCell cell(int column) {
        return cells.get(column);
    }

    boolean matches(String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        return questionId.toLowerCase(Locale.ROOT).contains(needle) || question.toLowerCase(Locale.ROOT).contains(needle)
                || tags.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle));
    }
}
