package dev.querybench.engine.dataset;

import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs every gold query of a dataset through the safe executor, so broken or empty gold is
 * found before a run blames the model for it. Thread-safe; runs SQL, so call it off the UI thread.
 */
public final class GoldChecker {

    /** How one gold query came out. */
    public enum Status { OK, EMPTY, FAILED }

    /**
     * One gold query's check.
     *
     * @param questionId the question
     * @param goldIndex which of its gold queries (0 for the first)
     * @param status ran with rows, ran without rows, or failed
     * @param rows rows returned (capped by the row cap)
     * @param millis how long it ran
     * @param error the database's or the guard's message when it failed, else null
     */
    public record Result(String questionId, int goldIndex, Status status, int rows, long millis, String error) {}

    private final SafeExecutor executor;
    private final QueryLimits limits;

    public GoldChecker(SafeExecutor executor, QueryLimits limits) {
        this.executor = executor;
        this.limits = limits;
    }

    /**
     * Checks every gold query of {@code questions} in order.
     *
     * @param listener told of each result as it is known
     * @param cancelled checked between queries; the results so far are returned when it turns true
     */
    public List<Result> check(List<Question> questions, Consumer<Result> listener, BooleanSupplier cancelled) {
        List<Result> results = new ArrayList<>();
        for (Question question : questions) {
            for (int i = 0; i < question.gold().size(); i++) {
                if (cancelled.getAsBoolean()) {
                    return results;
                }
                Result result = check(question.id(), i, question.gold().get(i));
                results.add(result);
                listener.accept(result);
            }
        }
        return results;
    }

    /** Checks one gold query. */
    public Result check(String questionId, int goldIndex, String sql) {
        long start = System.nanoTime();
        try {
            QueryResult result = executor.execute(sql, limits);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(questionId, goldIndex, result.rowCount() == 0 ? Status.EMPTY : Status.OK,
                    result.rowCount(), millis, null);
        } catch (QueryExecutionException e) {
            return new Result(questionId, goldIndex, Status.FAILED, 0, (System.nanoTime() - start) / 1_000_000,
                    e.getMessage());
        }
    }
}
