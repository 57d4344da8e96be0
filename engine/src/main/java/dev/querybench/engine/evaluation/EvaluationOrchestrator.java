package dev.querybench.engine.evaluation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.evaluation.sql.PerDatabaseEvaluator;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.LlmEvaluator;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.generation.Generation;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.config.PriceTable;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.stats.RunSummary;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a {@link RunPlan}: for each item, prompt → model → SQL → verdict, with at most
 * {@code concurrency} items at once; each item is priced by the model that really answered,
 * stored as it finishes and reported to the plan's feedback and the listener. A resumed run skips
 * stored items, so no model is asked twice for the same item (items whose model call failed are
 * tried again). Results come back in plan order whatever order items finished in.
 *
 * <p>With an {@link ItemJudge}, every item that produced SQL is then shown to the LLM judge: the
 * judge prompt is built under a database permit (it samples both results) and the judge model is
 * called under its provider's permit, shared with generation. The verdict is stored with the item,
 * so a resumed run does not ask the judge again for stored items; only items the judge never
 * saw, or whose judge call failed, are judged on resume (without asking the generating model).
 *
 * <p>Synchronous: {@link #start} and {@link #resume} return when the run ends or is
 * cancelled. One orchestrator may run several plans one after another; it is not meant for two
 * runs at once on the same store.
 */
public final class EvaluationOrchestrator {

    public static final String STATUS_RUNNING = "running";
    public static final String STATUS_FINISHED = "finished";
    public static final String STATUS_CANCELLED = "cancelled";
    public static final String STATUS_INCOMPLETE = "incomplete";

    private final SqlGenerator generator;
    private final EvaluationStrategy evaluator;
    private final RunStore store;
    private final PriceTable prices;
    private final Clock clock;
    private final ItemJudge judge;
    private final java.util.function.Supplier<List<String>> privilegedAccounts;

    /**
     * An orchestrator without an LLM judge.
     *
     * @param prices what each answer costs, by the model that really answered
     */
    public EvaluationOrchestrator(SqlGenerator generator, EvaluationStrategy evaluator, RunStore store,
            PriceTable prices, Clock clock) {
        this(generator, evaluator, store, prices, clock, ItemJudge.none());
    }

    /**
     * @param prices what each answer (and each judge call) costs, by the model that really answered
     * @param judge the LLM judge asked after the execution match, or {@link ItemJudge#none()}
     */
    public EvaluationOrchestrator(SqlGenerator generator, EvaluationStrategy evaluator, RunStore store,
            PriceTable prices, Clock clock, ItemJudge judge) {
        this(generator, evaluator, store, prices, clock, judge, List::of);
    }

    /**
     * @param privilegedAccounts one line per database whose untrusted SQL runs under a privileged account
     *     by opt-in ({@code allowPrivilegedAccount: true}); asked when a run starts or resumes and again
     *     when it ends (databases opened on the way count too), recorded with the run and carried by its
     *     results
     */
    public EvaluationOrchestrator(SqlGenerator generator, EvaluationStrategy evaluator, RunStore store,
            PriceTable prices, Clock clock, ItemJudge judge,
            java.util.function.Supplier<List<String>> privilegedAccounts) {
        this.privilegedAccounts = privilegedAccounts;
        this.judge = judge == null ? ItemJudge.none() : judge;
        this.generator = generator;
        this.evaluator = evaluator;
        this.store = store;
        this.prices = prices;
        this.clock = clock;
    }

    /** Starts a new run of the plan. */
    public RunResults start(RunPlan plan, RunListener listener, Cancellation cancellation) {
        String id = clock.instant().toString().replace(":", "").replace("-", "").substring(0, 15) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        RunRecord record = new RunRecord(id, clock.instant(), plan.workspace(), plan.dataset(),
                plan.questions().stream().map(Question::id).toList(),
                plan.variants().stream().map(PromptTemplate::name).toList(), List.copyOf(plan.models().keySet()),
                plan.matchMode(), STATUS_RUNNING, plan.repeats());
        store.createRun(record);
        store.recordPrivilegedAccounts(id, privilegedAccounts.get());
        if (judge.enabled()) {
            store.recordJudge(id, judge.model(), judge.prompt());
        }
        return execute(record, plan, listener, cancellation);
    }

    /**
     * Continues a stored run. The plan must cover the run's questions, variants and models.
     *
     * @throws QueryBenchException when the plan does not match the stored run
     */
    public RunResults resume(RunRecord record, RunPlan plan, RunListener listener, Cancellation cancellation) {
        List<String> variants = plan.variants().stream().map(PromptTemplate::name).toList();
        List<String> questions = plan.questions().stream().map(Question::id).toList();
        if (!variants.equals(record.variants()) || !List.copyOf(plan.models().keySet()).equals(record.models())
                || !questions.equals(record.questionIds()) || plan.repeats() != record.repeats()) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "run " + record.id() + " was planned with variants " + record.variants() + ", models "
                            + record.models() + " and " + record.questionIds().size() + " questions;"
                            + " the workspace now gives something else",
                    "start a new run, or restore the workspace's variants, models and dataset"));
        }
        store.updateStatus(record.id(), STATUS_RUNNING);
        store.recordPrivilegedAccounts(record.id(), privilegedAccounts.get());
        if (judge.enabled() && store.judge(record.id()).isEmpty()) {
            store.recordJudge(record.id(), judge.model(), judge.prompt());
        }
        return execute(record.withStatus(STATUS_RUNNING), plan, listener, cancellation);
    }

    private RunResults execute(RunRecord record, RunPlan plan, RunListener listener, Cancellation cancellation) {
        Map<ItemKey, ItemResult> finished = new ConcurrentHashMap<>();
        Map<ItemKey, ItemResult> unjudged = new ConcurrentHashMap<>();
        for (ItemResult stored : store.items(record.id())) {
            if (needsJudge(stored)) {
                unjudged.put(stored.key(), stored);
            } else if (!stored.modelFailed()) {
                finished.put(stored.key(), stored);
            }
        }
        List<ItemKey> keys = plan.keys();
        List<ItemKey> todo = keys.stream().filter(k -> !finished.containsKey(k)).toList();
        Map<String, Question> questions = plan.questions().stream()
                .collect(Collectors.toMap(Question::id, Function.identity()));
        Map<String, PromptTemplate> variants = plan.variants().stream()
                .collect(Collectors.toMap(PromptTemplate::name, Function.identity()));

        Counters counters = new Counters(keys.size(), finished.values(), clock.instant());
        AtomicInteger calls = new AtomicInteger();
        Map<ItemKey, RunResults.Unanswered> unanswered = new ConcurrentHashMap<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        listener.started(record, finished.size());

        List<Future<?>> running = new ArrayList<>();
        Map<String, Semaphore> providers = new ConcurrentHashMap<>();
        Map<String, Semaphore> databases = new ConcurrentHashMap<>();
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
                ModelAdapter model = plan.models().get(key.model());
                Semaphore provider = providers.computeIfAbsent(model.spec().provider(),
                        p -> new Semaphore(plan.concurrency()));
                Semaphore judgeProvider = !judge.enabled() ? null : providers.computeIfAbsent(
                        judge.evaluator().judgeModel().spec().provider(), p -> new Semaphore(plan.concurrency()));
                ItemResult stored = unjudged.get(key);
                Semaphore database = databases.computeIfAbsent(questions.get(key.questionId()).database(),
                        d -> new Semaphore(plan.concurrency()));
                Future<?> future = workers.submit(() -> {
                    try {
                        if (cancellation.isCancelled()) {
                            return;
                        }
                        ItemResult result = stored;
                        if (result == null) {
                            calls.incrementAndGet();
                            try {
                                result = evaluate(key, questions.get(key.questionId()), variants.get(key.variant()),
                                        model, plan.matchMode(), provider, database);
                            } catch (NoAnswer none) {
                                // never answered: not an ERROR, not stored; asked again on resume
                                if (!cancellation.isCancelled()) {
                                    unanswered.put(key, new RunResults.Unanswered(key, none.failure.message(),
                                            none.failure.remedy()));
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
                        if (needsJudge(result) && !cancellation.isCancelled()) {
                            result = result.withJudge(judge(questions.get(key.questionId()), result.sql(),
                                    judgeProvider, database));
                        }
                        store.save(record.id(), result);
                        finished.put(key, result);
                        RunProgress progress = counters.add(result, clock.instant());
                        plan.feedback().itemFinished(result, progress);
                        listener.itemFinished(result, progress);
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
        store.recordPrivilegedAccounts(record.id(), privilegedAccounts.get());
        if (failure.get() != null) {
            store.updateStatus(record.id(), STATUS_INCOMPLETE);
            throw failure.get();
        }
        boolean complete = keys.stream().allMatch(finished::containsKey);
        String status = complete ? STATUS_FINISHED : cancellation.isCancelled() ? STATUS_CANCELLED : STATUS_INCOMPLETE;
        store.updateStatus(record.id(), status);
        List<ItemResult> ordered = keys.stream().map(finished::get).filter(java.util.Objects::nonNull).toList();
        RunResults results = new RunResults(record.withStatus(status), ordered, new RunSummary().cells(ordered),
                calls.get(), keys.stream().map(unanswered::get).filter(java.util.Objects::nonNull).toList(),
                store.privilegedAccounts(record.id()));
        listener.finished(results);
        return results;
    }

    private ItemResult evaluate(ItemKey key, Question question, PromptTemplate variant, ModelAdapter model,
            String mode, Semaphore provider, Semaphore database) throws InterruptedException {
        Generation generation;
        provider.acquire();
        long asked = System.nanoTime();
        try {
            generation = generator.generate(model, variant, question, key.repeat());
        } catch (UnknownDatabaseException | dev.querybench.engine.db.DatabaseUnavailableException e) {
            // a dataset problem: no model is asked, and the run goes on with the other questions
            return new ItemResult(key, null, null, null, PerDatabaseEvaluator.datasetError(mode, e.getMessage()), 0, Usage.NONE, null,
                    Provenance.UNKNOWN, BigDecimal.ZERO, e.getMessage(), clock.instant(), List.of());
        } finally {
            provider.release();
        }
        if (generation.completion() == null && generation.failure() != null
                && UNANSWERED.contains(generation.failure().category())) {
            throw new NoAnswer(generation.failure());
        }
        Verdict verdict;
        if (generation.completion() == null) {
            verdict = Verdict.error(mode, "model call failed: " + generation.error());
        } else {
            database.acquire();
            try {
                verdict = evaluator.evaluate(question, generation.sql());
            } finally {
                database.release();
            }
        }
        Completion completion = generation.completion();
        if (completion == null) {
            // the model that was asked, and how long asking it took, so traces show the real call
            long tried = Duration.ofNanos(System.nanoTime() - asked).toMillis();
            return new ItemResult(key, generation.prompt(), null, null, verdict, tried, Usage.NONE,
                    model.spec().model(), Provenance.UNKNOWN, BigDecimal.ZERO, generation.error(), clock.instant(),
                    generation.attempts());
        }
        return new ItemResult(key, generation.prompt(), completion.text(), generation.sql(), verdict,
                completion.latency().toMillis(), completion.usage(), completion.modelId(), completion.provenance(),
                cost(generation.calls()), generation.error(), clock.instant(), generation.attempts());
    }

    /** True when the run has a judge, the item has SQL to judge, and the judge has not answered it yet. */
    private boolean needsJudge(ItemResult item) {
        return judge.enabled() && item.sql() != null && !item.modelFailed()
                && (item.judge() == null || item.judge().modelFailed());
    }

    /** Builds the judge prompt under a database permit, then asks the judge under its provider's permit. */
    private JudgeVerdict judge(Question question, String sql, Semaphore provider, Semaphore database)
            throws InterruptedException {
        LlmEvaluator evaluator = judge.evaluator();
        String prompt;
        database.acquire();
        try {
            prompt = evaluator.renderPrompt(question, sql);
        } finally {
            database.release();
        }
        LlmEvaluator.Judgement judgement;
        provider.acquire();
        try {
            judgement = evaluator.ask(prompt);
        } finally {
            provider.release();
        }
        BigDecimal cost = BigDecimal.ZERO;
        for (Completion call : judgement.calls()) {
            BigDecimal one = cost(call);
            cost = cost == null || one == null ? null : cost.add(one);
        }
        Verdict verdict = judgement.verdict();
        Provenance provenance = judgement.calls().isEmpty() ? Provenance.UNKNOWN
                : judgement.calls().getLast().provenance();
        return new JudgeVerdict(evaluator.id(), judge.model(), ItemJudge.decision(verdict), verdict.score(),
                verdict.reason(), judgement.malformedAnswer(), judgement.usage(), judgement.latency().toMillis(), cost,
                provenance);
    }

    /** What every call of an item cost (repairs included), or null when one answering model has no price. */
    private BigDecimal cost(List<Completion> calls) {
        BigDecimal total = BigDecimal.ZERO;
        for (Completion call : calls) {
            BigDecimal one = cost(call);
            if (one == null) {
                return null;
            }
            total = total.add(one);
        }
        return total;
    }

    /**
     * Failures that leave an item unanswered rather than wrong: the provider, not the prompt, is
     * the trouble, so the item is asked again on resume.
     */
    private static final java.util.Set<ErrorCategory> UNANSWERED = java.util.EnumSet.of(ErrorCategory.RATE_LIMIT,
            ErrorCategory.TIMEOUT, ErrorCategory.NETWORK, ErrorCategory.SERVER, ErrorCategory.MALFORMED_ANSWER,
            ErrorCategory.QUOTA, ErrorCategory.AUTHENTICATION, ErrorCategory.PERMISSION, ErrorCategory.NOT_FOUND,
            ErrorCategory.INTERNAL);

    /** No model answered an item. */
    private static final class NoAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ErrorResponse failure;

        NoAnswer(ErrorResponse failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    /** Nothing for a cached answer; otherwise the answering model's price, or null when it has none. */
    private BigDecimal cost(Completion completion) {
        if (completion.provenance().cached()) {
            return BigDecimal.ZERO;
        }
        String answeredBy = completion.provenance().answeredBy();
        return prices.cost(answeredBy, completion.usage()).orElse(null);
    }

    /** Progress counters shared by workers. */
    private static final class Counters {
        private final int total;
        private final int restored;
        private final Instant start;
        private int done;
        private int passed;
        private int failed;
        private int errors;

        Counters(int total, Iterable<ItemResult> restoredItems, Instant start) {
            this.total = total;
            this.start = start;
            int n = 0;
            for (ItemResult item : restoredItems) {
                count(item);
                n++;
            }
            this.restored = n;
        }

        synchronized RunProgress add(ItemResult item, Instant now) {
            count(item);
            Duration elapsed = Duration.between(start, now);
            int thisAttempt = done - restored;
            Duration eta = thisAttempt == 0 ? null : elapsed.multipliedBy(total - done).dividedBy(thisAttempt);
            return new RunProgress(total, done, passed, failed, errors, elapsed, eta);
        }

        private void count(ItemResult item) {
            done++;
            if (item.outcome() == Outcome.PASS) {
                passed++;
            } else if (item.outcome() == Outcome.FAIL) {
                failed++;
            } else {
                errors++;
            }
        }
    }
}
