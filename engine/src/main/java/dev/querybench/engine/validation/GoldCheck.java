package dev.querybench.engine.validation;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every gold query of a dataset on one database, through the safe executor and with the run's
 * limits, and lists those that fail, time out or return no rows: a gold query that does any of
 * these makes its question useless for evaluation. Uses each question's gold for the backend's
 * dialect. Thread-safe.
 */
public final class GoldCheck {

    private final SafeExecutor executor;
    private final QueryLimits limits;

    public GoldCheck(SafeExecutor executor, QueryLimits limits) {
        this.executor = executor;
        this.limits = limits;
    }

    public Report run(Dataset dataset) {
        return run(dataset, (question, sql, result) -> { });
    }

    /** As {@link #run(Dataset)}, handing each gold result to {@code results} as it arrives (not kept). */
    public Report run(Dataset dataset, ResultListener results) {
        Dialect dialect = executor.backend().dialect();
        long start = System.nanoTime();
        List<Issue> issues = new ArrayList<>();
        int queries = 0;
        for (Question question : dataset.questions()) {
            for (String sql : question.goldFor(dialect)) {
                queries++;
                try {
                    QueryResult result = executor.execute(sql, limits);
                    results.accept(question, sql, result);
                    if (result.rowCount() == 0) {
                        issues.add(new Issue(question.id(), sql, Problem.EMPTY, "the gold query returned no rows"));
                    }
                } catch (QueryExecutionException e) {
                    Problem problem = e.failure() == QueryFailure.TIMEOUT ? Problem.TIMED_OUT : Problem.FAILED;
                    issues.add(new Issue(question.id(), sql, problem, e.getMessage()));
                }
            }
        }
        return new Report(dataset.name(), dialect, dataset.size(), queries, issues,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Receives gold results during a check, for callers that compare them with something. */
    @FunctionalInterface
    public interface ResultListener {
        void accept(Question question, String sql, QueryResult result);
    }

    /** What was wrong with a gold query. */
    public enum Problem { FAILED, TIMED_OUT, EMPTY }

    /**
     * One gold query that cannot serve as gold.
     *
     * @param questionId the question
     * @param sql the gold query as run
     * @param problem failed, timed out or empty
     * @param detail the database's message, or what was found
     */
    public record Issue(String questionId, String sql, Problem problem, String detail) {}

    /**
     * The outcome for a whole dataset on one engine.
     *
     * @param dataset the dataset's name
     * @param dialect the engine it ran on
     * @param questions questions checked
     * @param queries gold queries run (questions may have several)
     * @param issues every gold query that failed, timed out or returned nothing
     * @param elapsed time taken
     */
    public record Report(String dataset, Dialect dialect, int questions, int queries, List<Issue> issues,
            Duration elapsed) {
        public Report {
            issues = List.copyOf(issues);
        }

        public boolean ok() {
            return issues.isEmpty();
        }

        public List<Issue> issues(Problem problem) {
            return issues.stream().filter(i -> i.problem() == problem).toList();
        }
    }
}
