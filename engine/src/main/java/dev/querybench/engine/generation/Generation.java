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
 * @param calls every answer the model gave for this item, the repairs' included, each with its own provenance
 *     (what is priced)
 * @param failure why the model call failed, when it did (null otherwise)
 */
public record Generation(String prompt, Completion completion, String sql, String error, List<Attempt> attempts,
        List<Completion> calls, dev.querybench.engine.errors.ErrorResponse failure) {

    public Generation {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        calls = calls != null ? List.copyOf(calls) : completion == null ? List.of() : List.of(completion);
    }

    public Generation(String prompt, Completion completion, String sql, String error, List<Attempt> attempts) {
        this(prompt, completion, sql, error, attempts, null, null);
    }

    public Generation(String prompt, Completion completion, String sql, String error, List<Attempt> attempts,
            List<Completion> calls) {
        this(prompt, completion, sql, error, attempts, calls, null);
    }

    public Generation(String prompt, Completion completion, String sql, String error) {
        this(prompt, completion, sql, error, List.of());
    }

    /** Why an answer gave no SQL. */
    public static final String NO_SQL = "the answer contains no SQL";

    private static final String NO_SQL_FIX = "ask for one SQL statement in a ```sql block in the prompt variant,"
            + " or try a model that follows the instruction";

    /**
     * Why there is no SQL, as every surface shows a failure: the failed call's message and fix, or
     * an answer without SQL and how to get one; null when there is SQL.
     */
    public dev.querybench.engine.errors.Explanation explanation() {
        if (failure != null) {
            return dev.querybench.engine.errors.Explanation.of(failure);
        }
        if (error == null) {
            return null;
        }
        return new dev.querybench.engine.errors.Explanation(error, "", NO_SQL.equals(error) ? NO_SQL_FIX : "");
    }

    /** A model call that gave no answer at all, with the reason. */
    public static Generation unanswered(String prompt, dev.querybench.engine.errors.ErrorResponse failure) {
        return new Generation(prompt, null, null, failure.message(), List.of(), List.of(), failure);
    }

    public boolean hasSql() {
        return sql != null;
    }
}
