package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.evaluation.base.ExecutionEvaluator;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Executes gold and predicted SQL on the same database through the safe executor and compares
 * the results. A question may have several gold queries: the prediction passes if it matches
 * any one. A gold query that fails makes the item ERROR (a dataset problem). Thread-safe.
 */
public final class SqlExecutionEvaluator implements ExecutionEvaluator {

    private final SafeExecutor executor;
    private final QueryLimits limits;
    private final GoldResults gold;
    private final ResultComparator comparator;
    private final OrderDetector orderDetector = new OrderDetector();

    public SqlExecutionEvaluator(SafeExecutor executor, QueryLimits limits, ResultComparator comparator) {
        this.executor = executor;
        this.limits = limits;
        this.comparator = comparator;
        this.gold = new GoldResults(executor, limits);
    }

    @Override
    public String id() {
        return "execution-" + MatchMode.STRICT.id();
    }

    @Override
    public Verdict evaluate(Question question, String predictedSql) {
        String mode = MatchMode.STRICT.id();
        List<GoldResults.GoldOutcome> golds = new ArrayList<>();
        List<String> goldSql = new ArrayList<>();
        List<String> acceptable = question.goldFor(executor.backend().dialect());
        for (String g : acceptable) {
            GoldResults.GoldOutcome outcome = gold.get(g);
            if (!outcome.failed()) {
                golds.add(outcome);
                goldSql.add(g);
            }
        }
        if (golds.isEmpty()) {
            return Verdict.error(mode, "gold SQL failed: " + gold.get(acceptable.getFirst()).error().getMessage());
        }
        if (predictedSql == null || predictedSql.isBlank()) {
            return Verdict.fail(mode, Set.of(), FailureCategory.SYNTAX_ERROR, "the answer contains no SQL",
                    List.of(), List.of());
        }
        QueryResult predicted;
        try {
            predicted = executor.execute(predictedSql, limits);
        } catch (QueryExecutionException e) {
            return Verdict.fail(mode, Set.of(), categoryOf(e), e.getMessage(), List.of(), List.of());
        }
        Verdict first = null;
        for (int i = 0; i < golds.size(); i++) {
            Verdict v = comparator.compare(golds.get(i).result(), predicted, orderDetector.isOrdered(goldSql.get(i)));
            if (v.outcome() == Outcome.PASS) {
                return v;
            }
            if (first == null) {
                first = v;
            }
        }
        return first;
    }

    /** Executes a gold query through the shared cache (for reports and the diff view). */
    public GoldResults.GoldOutcome goldResult(String goldSql) {
        return gold.get(goldSql);
    }

    private static FailureCategory categoryOf(QueryExecutionException e) {
        return switch (e.failure()) {
            case SYNTAX -> FailureCategory.SYNTAX_ERROR;
            case SCHEMA -> FailureCategory.SCHEMA_ERROR;
            case TIMEOUT -> FailureCategory.TIMEOUT;
            case PERMISSION, REFUSED, RUNTIME -> FailureCategory.RUNTIME_ERROR;
        };
    }
}
