package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.config.RunSettings;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.evaluation.base.ExecutionEvaluator;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Executes gold and predicted SQL on the same database through the safe executor and compares
 * the results. A question may have several gold queries: the prediction passes if it matches
 * any one. A gold query that fails makes the item ERROR (a dataset problem).
 *
 * <p>When gold's or the prediction's result is larger than the row cap, both are streamed again
 * (up to {@code largeResultRows} rows) into per-row hashes and compared by
 * {@link HashedResultComparator}, so neither result is held beyond the cap; gold's digest is
 * computed once and shared like its result. The prediction is digested without its value hashes,
 * and read a second time with them only when another column order must be tried
 * ({@link HashedResultComparator#needsValueHashes}). A result larger than that limit, or one that cannot
 * be streamed again, keeps the verdict over the first rows, flagged {@code truncated}.
 * Thread-safe.
 */
public final class SqlExecutionEvaluator implements ExecutionEvaluator {

    /** Gold's ORDER BY … LIMIT cuts through a tie, so other rows could be equally right. */
    public static final String FLAG_AMBIGUOUS_GOLD = "ambiguous-gold";
    /** An ERROR because a gold query failed on a database that works (a dataset problem). */
    public static final String FLAG_GOLD_ERROR = "gold-error";

    /**
     * Rows streamed at most for comparing results beyond the row cap by default (about 8 bytes a row and value);
     * workspaces set it as {@code run.maxStreamedRows}.
     */
    public static final long DEFAULT_LARGE_RESULT_ROWS = RunSettings.DEFAULT_MAX_STREAMED_ROWS;

    private final SafeExecutor executor;
    private final QueryLimits limits;
    private final GoldResults gold;
    private final ResultComparator comparator;
    private final MatchMode matchMode;
    private final ParsedQueries parsed = new ParsedQueries();
    private final SpiderRewrite spider;
    private final SpiderComparator spiderComparator = new SpiderComparator();
    private final DefogComparator defogComparator = new DefogComparator();
    private final LimitTieDetector ties;
    private final HashedResultComparator hashed;
    private final long largeResultRows;
    private final java.util.concurrent.ConcurrentMap<String, GoldOrder> goldOrder =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Gold queries as the Spider evaluator rewrites them, once per text. */
    private final java.util.concurrent.ConcurrentMap<String, String> spiderGold =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether gold orders its rows, and the result columns of its ORDER BY keys (null when not all shown). */
    private record GoldOrder(boolean ordered, int[] keys) {}

    /** A strict-mode evaluator. */
    public SqlExecutionEvaluator(SafeExecutor executor, QueryLimits limits, ResultComparator comparator) {
        this(executor, limits, comparator, MatchMode.STRICT);
    }

    /**
     * @param comparator compares results; for {@link MatchMode#SPIDER} give one with tolerance 0
     *     to reproduce Spider's exact equality
     */
    public SqlExecutionEvaluator(SafeExecutor executor, QueryLimits limits, ResultComparator comparator,
            MatchMode matchMode) {
        this(executor, limits, comparator, matchMode, DEFAULT_LARGE_RESULT_ROWS);
    }

    /**
     * @param largeResultRows most rows streamed to compare results beyond the row cap by hash;
     *     0 compares only the first {@code rowCap} rows
     */
    public SqlExecutionEvaluator(SafeExecutor executor, QueryLimits limits, ResultComparator comparator,
            MatchMode matchMode, long largeResultRows) {
        this(executor, limits, comparator, matchMode, largeResultRows, false);
    }

    /**
     * @param keepDistinct for {@link MatchMode#SPIDER}: keep DISTINCT (the official {@code --keep_distinct})
     */
    public SqlExecutionEvaluator(SafeExecutor executor, QueryLimits limits, ResultComparator comparator,
            MatchMode matchMode, long largeResultRows, boolean keepDistinct) {
        if (largeResultRows < 0) {
            throw new IllegalArgumentException("largeResultRows must not be negative");
        }
        this.largeResultRows = largeResultRows;
        this.hashed = new HashedResultComparator(new RowHasher(comparator.tolerance()));
        this.executor = executor;
        this.limits = limits;
        this.comparator = comparator;
        this.matchMode = matchMode;
        this.gold = new GoldResults(executor, limits);
        this.ties = new LimitTieDetector(executor, limits, parsed);
        this.spider = new SpiderRewrite(keepDistinct);
    }

    @Override
    public String id() {
        return "execution-" + matchMode.id();
    }

    public MatchMode matchMode() {
        return matchMode;
    }

    @Override
    public Verdict evaluate(Question question, String predictedSql) {
        return switch (matchMode) {
            case SPIDER -> spider(question, predictedSql);
            case DEFOG -> defog(question, predictedSql);
            default -> ours(question, predictedSql);
        };
    }

    /** strict, set, subset and bird. */
    private Verdict ours(Question question, String predictedSql) {
        String mode = matchMode.id();
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
            return goldError(gold.get(acceptable.getFirst()).error(), acceptable.size() > 1);
        }
        if (predictedSql == null || predictedSql.isBlank()) {
            return noSql();
        }
        QueryResult predicted;
        try {
            predicted = executor.execute(predictedSql, limits);
        } catch (QueryExecutionException e) {
            return Verdict.fail(mode, Set.of(), categoryOf(e), e.getMessage(), List.of(), List.of());
        }
        ResultDigest[] predictedDigest = new ResultDigest[1];
        Verdict first = null;
        for (int i = 0; i < golds.size(); i++) {
            String g = goldSql.get(i);
            GoldOrder order = goldOrder.computeIfAbsent(g, this::orderOf);
            QueryResult goldResult = golds.get(i).result();
            Verdict v = comparator.compare(goldResult, predicted, order.ordered(), matchMode, order.keys());
            if (largeResultRows > 0 && (goldResult.truncated() || predicted.truncated())) {
                // One result within the cap and the other beyond it cannot hold the same number of
                // rows; only set matching (duplicates dropped) needs the whole results for that.
                boolean sets = matchMode == MatchMode.SET || matchMode == MatchMode.BIRD;
                v = goldResult.truncated() != predicted.truncated() && !sets
                        ? oneSideBeyondCap(v, goldResult, predicted)
                        : beyondRowCap(g, predictedSql, order.ordered(), predictedDigest, v);
            }
            if (!matchMode.official() && ties.isAmbiguous(g)) {
                v = withFlag(v, FLAG_AMBIGUOUS_GOLD);
            }
            if (v.outcome() == Outcome.PASS) {
                return v;
            }
            if (first == null) {
                first = v;
            }
        }
        return first;
    }

    private GoldOrder orderOf(String goldSql) {
        return parsed.read(goldSql, statement -> {
            boolean ordered = OrderDetector.isOrdered(statement);
            return new GoldOrder(ordered, ordered ? OrderKeys.of(statement).orElse(null) : null);
        }).orElseGet(() -> new GoldOrder(OrderDetector.textuallyOrdered(goldSql), null));
    }

    /**
     * The Spider evaluator's path: gold and prediction rewritten as it does ({@link SpiderRewrite}),
     * order from gold's text, {@link SpiderComparator}. The prediction's own "value" → "1" and
     * {@code --plug_value} happen above the test suite, in {@link SpiderPredictions}.
     */
    private Verdict spider(Question question, String predictedSql) {
        if (predictedSql == null || predictedSql.isBlank()) {
            return noSql();
        }
        String prediction = spider.forExecution(spider.apply(predictedSql));
        QueryResult predicted = null;
        QueryExecutionException predictionError = null;
        Verdict first = null;
        for (String original : question.goldFor(executor.backend().dialect())) {
            String g = spiderGold.computeIfAbsent(original, spider::apply);
            GoldResults.GoldOutcome outcome = gold.get(spider.forExecution(g));
            if (outcome.failed()) {
                // the official evaluator stops with an assertion on a failing gold query
                return goldError(outcome.error(), false);
            }
            if (predicted == null && predictionError == null) {
                try {
                    predicted = executor.execute(prediction, limits);
                } catch (QueryExecutionException e) {
                    predictionError = e;
                }
            }
            if (predictionError != null) {
                return Verdict.fail(matchMode.id(), Set.of(), categoryOf(predictionError), predictionError.getMessage(),
                        List.of(), List.of());
            }
            Verdict v = spiderComparator.compare(g, outcome.result(), predicted, spider.orderMatters(g));
            if (v.outcome() == Outcome.PASS) {
                return v;
            }
            first = first == null ? v : first;
        }
        return first;
    }

    /**
     * sql-eval's path ({@code compare_query_results}): the prediction runs once, then each gold
     * query in turn: an exact match ends it, a subset match is remembered; a pandas error makes the
     * item incorrect whatever came before. On PostgreSQL both run with sql-eval's LIKE escaping.
     */
    private Verdict defog(Question question, String predictedSql) {
        if (predictedSql == null || predictedSql.isBlank()) {
            return noSql();
        }
        boolean escapePercent = executor.backend().dialect().engine().sqlEvalEscapesPercent();
        QueryResult predicted;
        try {
            predicted = executor.execute(escapePercent ? DefogComparator.escapePercent(predictedSql) : predictedSql, limits);
        } catch (QueryExecutionException e) {
            return Verdict.fail(matchMode.id(), Set.of(), categoryOf(e), e.getMessage(), List.of(), List.of());
        }
        List<String> golds = question.goldFor(executor.backend().dialect());
        String category = question.tags().contains("order_by") ? "order_by" : "";
        DefogComparator.Context context = new DefogComparator.Context(question.text(), category,
                String.join(";", golds));
        DefogComparator.Outcome correct = null;
        DefogComparator.Outcome last = null;
        int goldRows = 0;
        for (String g : golds) {
            GoldResults.GoldOutcome outcome = gold.get(escapePercent ? DefogComparator.escapePercent(g) : g);
            if (outcome.failed()) {
                // sql-eval counts the item incorrect when any gold query it reaches fails; here it is a dataset error
                return goldError(outcome.error(), golds.size() > 1);
            }
            goldRows = outcome.result().rowCount();
            last = defogComparator.compare(g, outcome.result(), predicted, predictedSql, context);
            if (last.raised() || last.exact()) {
                return DefogComparator.verdict(last, goldRows, predicted.rowCount());
            }
            if (last.correct() && correct == null) {
                correct = last;
            }
        }
        return DefogComparator.verdict(correct != null ? correct : last, goldRows, predicted.rowCount());
    }

    private Verdict goldError(QueryExecutionException error, boolean alternatives) {
        return new Verdict(Outcome.ERROR, 0.0, matchMode.id(), Set.of(FLAG_GOLD_ERROR), null,
                (alternatives ? "every gold query failed; the first: " : "gold SQL failed: ") + error.getMessage(),
                List.of(), List.of());
    }

    private Verdict noSql() {
        return Verdict.fail(matchMode.id(), Set.of(), FailureCategory.SYNTAX_ERROR, "the answer contains no SQL",
                List.of(), List.of());
    }

    /** Gold and prediction on opposite sides of the row cap: a wrong row count, with no need to read further. */
    private Verdict oneSideBeyondCap(Verdict capped, QueryResult gold, QueryResult predicted) {
        Set<String> flags = new HashSet<>(capped.flags());
        flags.add(ResultComparator.FLAG_TRUNCATED);
        String reason = gold.truncated()
                ? "row count " + predicted.rowCount() + " vs more than " + gold.rowCount()
                : "row count more than " + predicted.rowCount() + " vs " + gold.rowCount();
        return Verdict.fail(matchMode.id(), flags, FailureCategory.WRONG_ROW_COUNT, reason, capped.missingRows(),
                capped.extraRows());
    }

    /** Compares the whole results by hash; keeps the verdict over the first rows when that cannot be done. */
    private Verdict beyondRowCap(String goldSql, String predictedSql, boolean ordered, ResultDigest[] predictedDigest,
            Verdict capped) {
        ResultDigest goldDigest;
        try {
            goldDigest = gold.digest(goldSql, largeResultRows, hashed.hasher());
            if (predictedDigest[0] == null) {
                predictedDigest[0] = predictedDigest(predictedSql, false);
            }
            if (!goldDigest.truncated() && !predictedDigest[0].truncated() && !predictedDigest[0].hasValueHashes()
                    && hashed.needsValueHashes(goldDigest, predictedDigest[0], ordered, matchMode)) {
                // another column order must be tried: read the prediction again, keeping each value's hash
                predictedDigest[0] = predictedDigest(predictedSql, true);
            }
        } catch (QueryExecutionException e) {
            return capped;
        }
        if (goldDigest.truncated() || predictedDigest[0].truncated()) {
            return capped;
        }
        return hashed.compare(goldDigest, sink -> executor.stream(goldSql, limits, largeResultRows, sink),
                predictedDigest[0], sink -> executor.stream(predictedSql, limits, largeResultRows, sink), ordered,
                matchMode);
    }

    private ResultDigest predictedDigest(String predictedSql, boolean keepValueHashes) {
        ResultDigest.Builder builder = ResultDigest.builder(hashed.hasher(), keepValueHashes);
        return builder.build(executor.stream(predictedSql, limits, largeResultRows, builder).truncated());
    }

    private static Verdict withFlag(Verdict v, String flag) {
        java.util.Set<String> flags = new java.util.HashSet<>(v.flags());
        flags.add(flag);
        return new Verdict(v.outcome(), v.score(), v.mode(), flags, v.failureCategory(), v.reason(), v.missingRows(),
                v.extraRows());
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
