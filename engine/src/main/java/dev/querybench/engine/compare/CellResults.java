package dev.querybench.engine.compare;

import dev.querybench.engine.console.PagedQuery;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import java.util.function.Function;

/**
 * Runs one comparison cell's two queries — the question's gold in its database's dialect and the
 * predicted SQL — on the question's own database through the safe executor, and marks missing
 * and extra rows ({@link ResultDiff}). Thread-safe; {@link #load} runs SQL and belongs off the UI
 * thread.
 */
public final class CellResults {

    /**
     * @param gold the gold query as run (the dialect's variant when the question has one)
     * @param diff both results with their rows marked
     */
    public record Loaded(String gold, ResultDiff.Comparison diff) {}

    private final Function<Question, SafeExecutor> executors;
    private final QueryLimits limits;

    /**
     * @param executors the database each question was asked of (such as
     *     {@code q -> session.databases().of(q).main().executor()}); the first call for a database may
     *     open it, and it may throw for a question naming a database nobody knows
     */
    public CellResults(Function<Question, SafeExecutor> executors, QueryLimits limits) {
        this.executors = executors;
        this.limits = limits;
    }

    /** Runs gold and {@code predictedSql} (null or blank: the model gave none) for {@code question}. */
    public Loaded load(Question question, String predictedSql) {
        SafeExecutor executor = executors.apply(question);
        String gold = question.goldFor(executor.backend().dialect()).getFirst();
        return new Loaded(gold, new ResultDiff().run(executor, limits, gold, predictedSql));
    }

    /**
     * Runs both like {@link #load}, for grids that show a side the row cap cut whole ({@link #pages}):
     * when either result was cut no row is marked, and the rows up to the cap become text only as
     * they are read ({@link ResultDiff#compare(dev.querybench.engine.db.QueryResult, String,
     * dev.querybench.engine.db.QueryResult, String, boolean)}).
     */
    public Loaded loadForGrids(Question question, String predictedSql) {
        SafeExecutor executor = executors.apply(question);
        String gold = question.goldFor(executor.backend().dialect()).getFirst();
        return new Loaded(gold, new ResultDiff().run(executor, limits, gold, predictedSql, false));
    }

    /**
     * One side's whole result, counted and read a page at a time on the question's database: for a
     * side {@link #load} cut at the row cap, so the grid can show every row without holding them.
     *
     * @param sql the side's query as {@link #load} ran it ({@link Loaded#gold()} or the prediction)
     * @throws dev.querybench.engine.db.QueryExecutionException when it cannot be counted
     */
    public PagedQuery pages(Question question, String sql) {
        return PagedQuery.open(executors.apply(question), limits, sql);
    }
}
