package dev.querybench.engine.generation;

import dev.querybench.engine.model.Completion;

/**
 * The outcome of asking a model for SQL.
 *
 * @param prompt the rendered prompt as sent
 * @param completion the model's answer, or null when the call failed
 * @param sql the extracted SQL, or null when none could be found or the call failed
 * @param error why there is no SQL (call failure or no SQL in the answer), or null
 */
public record Generation(String prompt, Completion completion, String sql, String error) {

    public boolean hasSql() {
        return sql != null;
    }
}
