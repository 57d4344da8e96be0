package dev.querybench.app.dataset;

import java.util.List;
import java.util.Locale;

/**
 * One question as the dataset browser lists it.
 *
 * @param id question id
 * @param question the question
 * @param difficulty easy, medium, hard or blank
 * @param tags its tags
 * @param goldCount how many gold queries it has
 * @param check the gold check's outcome so far
 * @param checkText "12 rows · 3 ms", "no rows", the error, or "not checked"
 */
public record DatasetRow(String id, String question, String difficulty, List<String> tags, int goldCount,
        GoldState check, String checkText) {

    public DatasetRow {
        tags = List.copyOf(tags);
    }

    public String tagsText() {
        return String.join(", ", tags);
    }

    DatasetRow withCheck(GoldState state, String text) {
        return new DatasetRow(id, question, difficulty, tags, goldCount, state, text);
    }

    boolean matches(String needle) {
        return needle.isEmpty() || id.toLowerCase(Locale.ROOT).contains(needle)
                || question.toLowerCase(Locale.ROOT).contains(needle)
                || tags.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle));
    }
}
