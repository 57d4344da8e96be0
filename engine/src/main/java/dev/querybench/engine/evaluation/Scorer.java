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
import java.util.function.Function;

/**
 * Scores predictions made elsewhere with the same evaluators a run uses, no model involved.
 * Items run on {@code parallelism} worker threads, each keeping to one database at a time
 * ({@link DatabaseLanes}); results come back in dataset order. A question without a
 * prediction fails with "no SQL". Thread-safe per call.
 */
public final class Scorer {

    private static final class Once {
        EvaluationStrategy value;
    }

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
        // one holder per id, so opening one database does not hold up callers of another
        Map<String, Once> cache = new ConcurrentHashMap<>();
        this.evaluators = id -> {
            Once once = cache.computeIfAbsent(id, k -> new Once());
            synchronized (once) {
                if (once.value == null) {
                    once.value = evaluators.apply(id);
                }
                return once.value;
            }
        };
        this.parallelism = Math.max(1, parallelism);
        this.clock = clock;
    }

    public RunResults score(Dataset dataset, Map<String, String> predictions, String label, MatchMode mode) {
        List<Question> questions = dataset.questions();
        ItemResult[] results = new ItemResult[questions.size()];
        Throwable[] failures = new Throwable[questions.size()];
        DatabaseLanes lanes = new DatabaseLanes(questions);
        List<Thread> workers = new ArrayList<>();
        Thread.Builder builder = Thread.ofPlatform().name("querybench-score-", 1).daemon(true);
        for (int w = 0; w < Math.min(parallelism, questions.size()); w++) {
            DatabaseLanes.Cursor cursor = lanes.cursor();
            workers.add(builder.start(() -> {
                for (int i = cursor.next(); i >= 0; i = cursor.next()) {
                    Question q = questions.get(i);
                    try {
                        results[i] = judge(q, predictions.get(q.id()), label, mode);
                    } catch (Throwable t) {
                        failures[i] = t;
                    }
                }
            }));
        }
        joinAll(workers);
        for (Throwable t : failures) {
            if (t != null) {
                throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
            }
        }
        List<ItemResult> items = List.of(results);
        RunRecord run = new RunRecord("score-" + clock.instant().toString().replace(":", ""), clock.instant(), "score",
                dataset.name(), dataset.questions().stream().map(Question::id).toList(), List.of("predictions"),
                List.of(label), mode.id(), EvaluationOrchestrator.STATUS_FINISHED);
        return new RunResults(run, items, new RunSummary().cells(items), 0);
    }

    /** Waits for every worker; an interrupt reaches them, and the score then fails once they have stopped. */
    private static void joinAll(List<Thread> workers) {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    workers.forEach(Thread::interrupt);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scoring was interrupted");
        }
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
