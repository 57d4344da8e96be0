package dev.querybench.engine.dataset;

import dev.querybench.engine.db.Dialect;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One natural-language question with its acceptable gold SQL. Immutable.
 *
 * @param id unique within the dataset
 * @param text the question as a user would ask it
 * @param gold one or more acceptable gold queries in portable SQL (or the dataset's home
 *     dialect); a prediction passes if it matches any
 * @param difficulty easy, medium or hard (free text is kept as given)
 * @param tags free-form labels for filtering
 * @param evidence an optional hint given to the model (BIRD's "evidence")
 * @param database the database the question is asked of, for datasets spanning several
 *     databases (Spider's and BIRD's {@code db_id}); empty when the workspace has one
 * @param dialectGold gold queries that replace {@code gold} on one engine, for questions whose
 *     portable gold does not run there (date functions, literal typing); empty for most questions
 */
public record Question(String id, String text, List<String> gold, String difficulty, List<String> tags, String evidence,
        String database, Map<Dialect, List<String>> dialectGold) {

    /** A question of a single-database dataset. */
    public Question(String id, String text, List<String> gold, String difficulty, List<String> tags, String evidence) {
        this(id, text, gold, difficulty, tags, evidence, "", Map.of());
    }

    /** A question of a multi-database dataset whose gold runs unchanged on every engine. */
    public Question(String id, String text, List<String> gold, String difficulty, List<String> tags, String evidence,
            String database) {
        this(id, text, gold, difficulty, tags, evidence, database, Map.of());
    }

    /** A single-database question with per-engine gold. */
    public Question(String id, String text, List<String> gold, String difficulty, List<String> tags, String evidence,
            Map<Dialect, List<String>> dialectGold) {
        this(id, text, gold, difficulty, tags, evidence, "", dialectGold);
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
        Map<Dialect, List<String>> copy = new java.util.LinkedHashMap<>();
        if (dialectGold != null) {
            dialectGold.forEach((dialect, queries) -> {
                if (queries == null || queries.isEmpty()) {
                    throw new IllegalArgumentException("question " + id + " has an empty gold list for " + dialect);
                }
                copy.put(dialect, List.copyOf(queries));
            });
        }
        dialectGold = Collections.unmodifiableMap(copy);
    }

    /** The first gold query, used where one representative is needed (prompts, reports). */
    public String primaryGold() {
        return gold.getFirst();
    }

    /** The gold queries that run on this engine: its own alternatives when given, else the portable ones. */
    public List<String> goldFor(Dialect dialect) {
        return dialectGold.getOrDefault(dialect, gold);
    }
}
