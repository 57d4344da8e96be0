package dev.querybench.engine.evaluation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.config.PriceTable;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

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

    private final RunStore store;
    private final Clock clock;
    private final ItemJudge judge;
    private final ItemEvaluator items;
    private final Supplier<List<String>> privilegedAccounts;

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
     *     when its items are done (databases opened on the way count too), recorded with the run and
     *     carried by its results
     */
    public EvaluationOrchestrator(SqlGenerator generator, EvaluationStrategy evaluator, RunStore store,
            PriceTable prices, Clock clock, ItemJudge judge, Supplier<List<String>> privilegedAccounts) {
        this.privilegedAccounts = privilegedAccounts;
        this.judge = judge == null ? ItemJudge.none() : judge;
        this.store = store;
        this.clock = clock;
        this.items = new ItemEvaluator(generator, evaluator, prices, clock, this.judge);
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
        return new RunExecution(record, plan, listener, cancellation, items, judge, store, clock, privilegedAccounts)
                .run();
    }
}
