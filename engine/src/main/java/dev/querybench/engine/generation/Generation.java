package dev.querybench.engine.generation;

import dev.querybench.engine.model.Completion;
import java.util.List;

/**
 * The outcome of asking a model for SQL.
 *
 * @param prompt the rendered prompt as sent
 * @param completion the model's answer, or null when the call failed
 * @param sql the extracted SQL, or null when none could be found or the call failed
 * @param error why there is no SQL (call failure or no SQL in the answer), or null
 * @param attempts every try when the variant repairs failing queries (empty otherwise)
 */
public record Generation(String prompt, Completion completion, String sql, String error, List<Attempt> attempts) {

    public Generation {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public Generation(String prompt, Completion completion, String sql, String error) {
        this(prompt, completion, sql, error, List.of());
    }

    public boolean hasSql() {
        return sql != null;
    }
}
