package dev.querybench.engine.dataset;

import java.util.List;
import java.util.Objects;

/**
 * One natural-language question with its acceptable gold SQL.
 *
 * @param id unique within the dataset
 * @param text the question as a user would ask it
 * @param gold one or more acceptable gold queries; a prediction passes if it matches any
 * @param difficulty easy, medium or hard (free text is kept as given)
 * @param tags free-form labels for filtering
 * @param evidence an optional hint given to the model (BIRD's "evidence")
 */
public record Question(String id, String text, List<String> gold, String difficulty, List<String> tags, String evidence) {

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        gold = List.copyOf(gold);
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("question " + id + " has no gold SQL");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        difficulty = difficulty == null ? "" : difficulty;
        evidence = evidence == null ? "" : evidence;
    }

    /** The first gold query, used where one representative is needed (prompts, reports). */
    public String primaryGold() {
        return gold.getFirst();
    }
}
