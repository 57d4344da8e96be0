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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Scores predictions made elsewhere with the same evaluators a run uses, no model involved.
 * Items run on {@code parallelism} worker threads (at most {@value #MAX_PARALLELISM}, and no more
 * than there are items), each keeping to one database at a time ({@link DatabaseLanes}); results
 * come back in dataset order. A question without a prediction fails with "no SQL". Thread-safe per
 * call.
 */
public final class Scorer {

    /**
     * The most worker threads a score starts: each is a platform thread, most of them waiting on a
     * database, so more than this only adds threads and connections to the databases' pools.
     */
    public static final int MAX_PARALLELISM = 256;

    private static final class Once {
        EvaluationStrategy value;
    }

    private final Function<String, EvaluationStrategy> evaluators;
    private final int parallelism;
    private final Clock clock;
    private final ThreadFactory threads;

    /**
     * @param evaluators the evaluator for a question's database id (empty id: the only database);
     *     called once per known id; it throws {@link UnknownDatabaseException} for an id it does not
     *     know and {@link DatabaseUnavailableException} for a database it cannot use, which makes that
     *     question's item an ERROR flagged {@value PerDatabaseEvaluator#FLAG_DATASET_ERROR} naming it
     * @param parallelism items judged at once (1 to {@value #MAX_PARALLELISM}; outside, the nearest)
     */
    public Scorer(Function<String, ? extends EvaluationStrategy> evaluators, int parallelism, Clock clock) {
        this(evaluators, parallelism, clock, Thread.ofPlatform().name("querybench-score-", 1).daemon(true).factory());
    }

    /** As above, the workers made by {@code threads} (tests: a factory that fails). */
    Scorer(Function<String, ? extends EvaluationStrategy> evaluators, int parallelism, Clock clock,
            ThreadFactory threads) {
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
        this.parallelism = Math.clamp(parallelism, 1, MAX_PARALLELISM);
        this.clock = clock;
        this.threads = threads;
    }

    public RunResults score(Dataset dataset, Map<String, String> predictions, String label, MatchMode mode) {
        List<Question> questions = dataset.questions();
        ItemResult[] results = new ItemResult[questions.size()];
        Throwable[] failures = new Throwable[questions.size()];
        DatabaseLanes lanes = new DatabaseLanes(questions);
        List<Thread> workers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int w = 0; w < Math.min(parallelism, questions.size()); w++) {
                DatabaseLanes.Cursor cursor = lanes.cursor();
                Thread worker = threads.newThread(() -> {
                    // a stop (the score interrupted) ends the worker before its next item; the flag as
                    // well as the interrupt, since a driver may swallow the interrupt
                    for (int i = cursor.next(); i >= 0 && !stopped(stop); i = cursor.next()) {
                        Question q = questions.get(i);
                        try {
                            results[i] = judge(q, predictions.get(q.id()), label, mode);
                        } catch (Throwable t) {
                            failures[i] = t;
                        }
                    }
                });
                if (worker == null) {
                    throw new IllegalStateException("no thread for score worker " + (w + 1));
                }
                worker.start();
                workers.add(worker);
            }
        } catch (RuntimeException | Error e) {
            // the workers already started stop before their next item, and are waited for
            stop(stop, workers);
            joinQuietly(workers);
            throw e;
        }
        joinAll(workers, stop);
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

    /**
     * Waits for every worker. An interrupt reaches them: each stops before its next item, and the
     * score then fails ("scoring was interrupted") once they have all stopped.
     */
    private static void joinAll(List<Thread> workers, AtomicBoolean stop) {
        if (joinEach(workers, () -> stop(stop, workers))) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scoring was interrupted");
        }
    }

    /** Waits for each worker to end; on an interrupt runs {@code onInterrupt} and goes on waiting. */
    private static boolean joinEach(List<Thread> workers, Runnable onInterrupt) {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    onInterrupt.run();
                }
            }
        }
        return interrupted;
    }

    private static boolean stopped(AtomicBoolean stop) {
        return stop.get() || Thread.currentThread().isInterrupted();
    }

    private static void stop(AtomicBoolean stop, List<Thread> workers) {
        stop.set(true);
        workers.forEach(Thread::interrupt);
    }

    /** Waits for the workers to end, keeping an interrupt for the caller. */
    private static void joinQuietly(List<Thread> workers) {
        if (joinEach(workers, () -> { })) {
            Thread.currentThread().interrupt();
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
