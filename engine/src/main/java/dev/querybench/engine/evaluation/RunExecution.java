package dev.querybench.engine.evaluation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.stats.RunSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One attempt at a run: the items still to do, run on virtual threads with at most twice the
 * plan's concurrency in flight, model calls bounded per provider and database work per database.
 * Stored items count as done (those waiting only for the judge are judged); each finished item is
 * stored and reported as it comes. Used once, by {@link EvaluationOrchestrator}.
 */
final class RunExecution {

    private final RunRecord record;
    private final RunPlan plan;
    private final RunListener listener;
    private final Cancellation cancellation;
    private final ItemEvaluator items;
    private final ItemJudge judge;
    private final RunStore store;
    private final Clock clock;
    private final Map<String, Question> questions;
    private final Map<String, PromptTemplate> variants;
    private final Map<ItemKey, ItemResult> finished = new ConcurrentHashMap<>();
    private final Map<ItemKey, ItemResult> unjudged = new ConcurrentHashMap<>();
    private final Map<ItemKey, RunResults.Unanswered> unanswered = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> providers = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> databases = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<Future<?>> running = new ArrayList<>();
    private final Supplier<List<String>> privilegedAccounts;

    /** @param privilegedAccounts asked once the items are done, so databases opened on the way are recorded too */
    RunExecution(RunRecord record, RunPlan plan, RunListener listener, Cancellation cancellation, ItemEvaluator items,
            ItemJudge judge, RunStore store, Clock clock, Supplier<List<String>> privilegedAccounts) {
        this.privilegedAccounts = privilegedAccounts;
        this.record = record;
        this.plan = plan;
        this.listener = listener;
        this.cancellation = cancellation;
        this.items = items;
        this.judge = judge;
        this.store = store;
        this.clock = clock;
        this.questions = plan.questions().stream().collect(Collectors.toMap(Question::id, Function.identity()));
        this.variants = plan.variants().stream().collect(Collectors.toMap(PromptTemplate::name, Function.identity()));
    }

    /** Runs the items not stored yet and returns the run's results; rethrows the first unexpected failure. */
    RunResults run() {
        for (ItemResult stored : store.items(record.id())) {
            if (items.needsJudge(stored)) {
                unjudged.put(stored.key(), stored);
            } else if (!stored.modelFailed()) {
                finished.put(stored.key(), stored);
            }
        }
        List<ItemKey> keys = plan.keys();
        ProgressCounters counters = new ProgressCounters(keys.size(), finished.values(), clock.instant());
        listener.started(record, finished.size());
        submitAll(keys.stream().filter(k -> !finished.containsKey(k)).toList(), counters);
        store.recordPrivilegedAccounts(record.id(), privilegedAccounts.get());
        if (failure.get() != null) {
            store.updateStatus(record.id(), EvaluationOrchestrator.STATUS_INCOMPLETE);
            throw failure.get();
        }
        boolean complete = keys.stream().allMatch(finished::containsKey);
        String status = complete ? EvaluationOrchestrator.STATUS_FINISHED : cancellation.isCancelled()
                ? EvaluationOrchestrator.STATUS_CANCELLED : EvaluationOrchestrator.STATUS_INCOMPLETE;
        store.updateStatus(record.id(), status);
        List<ItemResult> ordered = keys.stream().map(finished::get).filter(Objects::nonNull).toList();
        RunResults results = new RunResults(record.withStatus(status), ordered, new RunSummary().cells(ordered),
                calls.get(), keys.stream().map(unanswered::get).filter(Objects::nonNull).toList(),
                store.privilegedAccounts(record.id()));
        listener.finished(results);
        return results;
    }

    private void submitAll(List<ItemKey> todo, ProgressCounters counters) {
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            cancellation.onCancel(() -> {
                synchronized (running) {
                    running.forEach(f -> f.cancel(true));
                }
            });
            // Items in flight are bounded; within them, model calls are bounded per provider and
            // database work per database, so evaluating one answer never holds up the next call.
            Semaphore inFlight = new Semaphore(2 * plan.concurrency());
            for (ItemKey key : todo) {
                if (cancellation.isCancelled() || failure.get() != null) {
                    break;
                }
                try {
                    inFlight.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancellation.cancel();
                    break;
                }
                Future<?> future = workers.submit(() -> {
                    try {
                        item(key, counters);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
                synchronized (running) {
                    running.add(future);
                }
            }
        }
    }

    private Semaphore permits(Map<String, Semaphore> by, String name) {
        return by.computeIfAbsent(name, n -> new Semaphore(plan.concurrency()));
    }

    private void item(ItemKey key, ProgressCounters counters) throws InterruptedException {
        if (cancellation.isCancelled()) {
            return;
        }
        ModelAdapter model = plan.models().get(key.model());
        Question question = questions.get(key.questionId());
        Semaphore database = permits(databases, question.database());
        ItemResult stored = unjudged.get(key);
        ItemResult result = stored;
        if (result == null) {
            calls.incrementAndGet();
            try {
                result = items.evaluate(key, question, variants.get(key.variant()), model, plan.matchMode(),
                        permits(providers, model.spec().provider()), database);
            } catch (ItemEvaluator.NoAnswer none) {
                // never answered: not an ERROR, not stored; asked again on resume
                if (!cancellation.isCancelled()) {
                    unanswered.put(key, new RunResults.Unanswered(key, none.failure.message(), none.failure.remedy()));
                }
                return;
            }
        }
        // Once the run is being cancelled, an item that did not pass may have been cut
        // short (its model call or its query interrupted): it stays unstored, so a resume
        // evaluates it again (the answer itself comes back from the response cache).
        if (cancellation.isCancelled() && stored == null
                && (result.modelFailed() || result.outcome() != Outcome.PASS)) {
            return;
        }
        if (items.needsJudge(result) && !cancellation.isCancelled()) {
            Semaphore judgeProvider = permits(providers, judge.evaluator().judgeModel().spec().provider());
            result = result.withJudge(items.judge(question, result.sql(), judgeProvider, database));
        }
        store.save(record.id(), result);
        finished.put(key, result);
        RunProgress progress = counters.add(result, clock.instant());
        plan.feedback().itemFinished(result, progress);
        listener.itemFinished(result, progress);
    }
}
