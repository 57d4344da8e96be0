package dev.querybench.app.runs;

import dev.querybench.app.text.VerdictKind;
import java.util.Locale;

/**
 * One finished item as the results table shows it.
 *
 * @param questionId the question's id
 * @param question the question's text
 * @param variant prompt variant
 * @param model model profile or spec
 * @param sql the predicted SQL, or blank when the model gave none
 * @param gold the question's (first) gold SQL
 * @param verdict how it came out
 * @param category failure category id ({@code wrong_values}), or blank
 * @param reason the judge's short explanation
 */
public record ResultRow(String questionId, String question, String variant, String model, String sql, String gold,
        VerdictKind verdict, String category, String reason) {

    /** The SQL on one line, for the table cell. */
    public String sqlOneLine() {
        return sql.strip().replaceAll("\\s+", " ");
    }

    /** Category and reason in one phrase: "Wrong values: 1 row differs". */
    public String reasonText() {
        if (category.isBlank()) {
            return reason;
        }
        return reason.isBlank() ? categoryLabel() : categoryLabel() + ": " + reason;
    }

    /** The failure category in words ("Wrong values"), "Error" for ERROR items, blank for PASS. */
    public String categoryLabel() {
        return categoryLabel(verdict, category);
    }

    /** {@link #categoryLabel()} of a verdict and its failure category's id (blank for none). */
    static String categoryLabel(VerdictKind verdict, String category) {
        if (category.isBlank()) {
            return verdict == VerdictKind.ERROR ? "Error" : "";
        }
        String words = category.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    boolean matches(String needle) {
        return needle.isEmpty() || contains(questionId, needle) || contains(question, needle) || contains(sql, needle)
                || contains(reasonText(), needle) || contains(variant, needle) || contains(model, needle);
    }

    private static boolean contains(String text, String lowerCaseNeedle) {
        return text.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
    }
}
