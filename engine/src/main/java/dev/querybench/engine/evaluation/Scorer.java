package dev.querybench.engine.evaluation;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.DatabaseUnavailableException;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.sql.PerDatabaseEvaluator;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.stats.RunSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Scores predictions made elsewhere with the same evaluators a run uses, no model involved.
 * Independent items run in parallel; results come back in dataset order. A question without a
 * prediction fails with "no SQL". Thread-safe per call.
 */
public final class Scorer {

    private final Function<String, EvaluationStrategy> evaluators;
    private final int parallelism;
    private final Clock clock;

    /**
     * @param evaluators the evaluator for a question's database id (empty id: the only database);
     *     called once per known id; it throws {@link UnknownDatabaseException} for an id it does not
     *     know and {@link DatabaseUnavailableException} for a database it cannot use, which makes that
     *     question's item an ERROR flagged {@value PerDatabaseEvaluator#FLAG_DATASET_ERROR} naming it
     * @param parallelism items judged at once
     */
    public Scorer(Function<String, ? extends EvaluationStrategy> evaluators, int parallelism, Clock clock) {
        Map<String, EvaluationStrategy> cache = new ConcurrentHashMap<>();
        this.evaluators = id -> {
            EvaluationStrategy known = cache.get(id);
            return known != null ? known : cache.computeIfAbsent(id, evaluators);
        };
        this.parallelism = Math.max(1, parallelism);
        this.clock = clock;
    }

    public RunResults score(Dataset dataset, Map<String, String> predictions, String label, MatchMode mode) {
        List<Future<ItemResult>> futures = new ArrayList<>();
        Semaphore permits = new Semaphore(parallelism);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Question q : dataset.questions()) {
                permits.acquireUninterruptibly();
                futures.add(workers.submit(() -> {
                    try {
                        return judge(q, predictions.get(q.id()), label, mode);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<ItemResult> items = new ArrayList<>(futures.size());
        for (Future<ItemResult> f : futures) {
            try {
                items.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("scoring was interrupted", e);
            }
        }
        RunRecord run = new RunRecord("score-" + clock.instant().toString().replace(":", ""), clock.instant(), "score",
                dataset.name(), dataset.questions().stream().map(Question::id).toList(), List.of("predictions"),
                List.of(label), mode.id(), EvaluationOrchestrator.STATUS_FINISHED);
        return new RunResults(run, items, new RunSummary().cells(items), 0);
    }

    /**
     * A question whose database is unknown or unusable is an ERROR item whose error is the
     * problem's {@link Explanation} (what, where, fix), as a run's failed items carry theirs.
     */
    private ItemResult judge(Question q, String sql, String label, MatchMode mode) {
        Verdict verdict;
        Explanation problem = null;
        try {
            verdict = evaluators.apply(q.database()).evaluate(q, sql);
        } catch (UnknownDatabaseException e) {
            problem = e.explanation();
            verdict = PerDatabaseEvaluator.datasetError(mode, "question " + q.id() + ": " + problem.oneLine());
        } catch (DatabaseUnavailableException e) {
            problem = e.explanation();
            verdict = PerDatabaseEvaluator.datasetError(mode, "question " + q.id() + ": " + problem.oneLine());
        }
        return new ItemResult(new ItemKey(q.id(), "predictions", label, 0), null, sql, sql, verdict, 0, Usage.NONE,
                null, problem, clock.instant());
    }
}
