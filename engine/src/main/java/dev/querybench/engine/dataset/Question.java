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
 * @param database the database the question is asked of, for datasets spanning several
 *     databases (Spider's and BIRD's {@code db_id}); empty when the workspace has one
 */
public record Question(String id, String text, List<String> gold, String difficulty, List<String> tags, String evidence,
        String database) {

    /** A question of a single-database dataset. */
    public Question(String id, String text, List<String> gold, String difficulty, List<String> tags, String evidence) {
        this(id, text, gold, difficulty, tags, evidence, "");
    }

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
        database = database == null ? "" : database;
    }

    /** The first gold query, used where one representative is needed (prompts, reports). */
    public String primaryGold() {
        return gold.getFirst();
    }
}
