package dev.querybench.engine.evaluation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.evaluation.sql.PerDatabaseEvaluator;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.LlmEvaluator;
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
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * One item of a run, start to end: prompt → model → SQL → verdict under the provider's and the
 * database's permits, then the LLM judge when the run has one, each call priced by the model that
 * really answered. An item that no model answered throws {@link NoAnswer}: it is not wrong, it is
 * asked again on resume. Thread-safe when its collaborators are.
 */
final class ItemEvaluator {

    /**
     * Failures that leave an item unanswered rather than wrong: the provider, not the prompt, is
     * the trouble, so the item is asked again on resume.
     */
    private static final java.util.Set<ErrorCategory> UNANSWERED = java.util.EnumSet.of(ErrorCategory.RATE_LIMIT,
            ErrorCategory.TIMEOUT, ErrorCategory.NETWORK, ErrorCategory.SERVER, ErrorCategory.MALFORMED_ANSWER,
            ErrorCategory.QUOTA, ErrorCategory.AUTHENTICATION, ErrorCategory.PERMISSION, ErrorCategory.NOT_FOUND,
            ErrorCategory.INTERNAL);

    /** No model answered an item. */
    static final class NoAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ErrorResponse failure;

        NoAnswer(ErrorResponse failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    private final SqlGenerator generator;
    private final EvaluationStrategy evaluator;
    private final PriceTable prices;
    private final Clock clock;
    private final ItemJudge judge;

    ItemEvaluator(SqlGenerator generator, EvaluationStrategy evaluator, PriceTable prices, Clock clock, ItemJudge judge) {
        this.generator = generator;
        this.evaluator = evaluator;
        this.prices = prices;
        this.clock = clock;
        this.judge = judge;
    }

    /**
     * Asks the model under the provider's permit (held for the calls alone), then scores its SQL
     * under the database's permit.
     * A question whose database is unknown or down is an ERROR item without asking any model.
     *
     * @throws NoAnswer when no model answered for a reason outside the prompt (rate limit, outage,
     *     keys): the item is not stored and is asked again on resume
     */
    ItemResult evaluate(ItemKey key, Question question, PromptTemplate variant, ModelAdapter model,
            String mode, Semaphore provider, Semaphore database) throws InterruptedException {
        Generation generation;
        // the provider's permit is held for each model call only (PermittedModel), not while the
        // prompt is rendered or the answer read and tried
        PermittedModel permitted = new PermittedModel(model, provider);
        long started = System.nanoTime();
        try {
            generation = generator.generate(permitted, variant, question, key.repeat());
        } catch (PermittedModel.Interrupted e) {
            throw new InterruptedException(e.getMessage());
        } catch (UnknownDatabaseException | dev.querybench.engine.db.DatabaseUnavailableException e) {
            // a dataset problem: no model is asked, and the run goes on with the other questions
            return new ItemResult(key, null, null, null, PerDatabaseEvaluator.datasetError(mode, e.getMessage()), 0, Usage.NONE, null,
                    Provenance.UNKNOWN, BigDecimal.ZERO, Explanation.of(e), clock.instant(), List.of());
        }
        long asked = permitted.firstAsked(started);
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
                    model.spec().model(), Provenance.UNKNOWN, BigDecimal.ZERO, generation.explanation(), clock.instant(),
                    generation.attempts());
        }
        return new ItemResult(key, generation.prompt(), completion.text(), generation.sql(), verdict,
                completion.latency().toMillis(), completion.usage(), completion.modelId(), completion.provenance(),
                cost(generation.calls()), generation.explanation(), clock.instant(), generation.attempts());
    }

    /** True when the run has a judge, the item has SQL to judge, and the judge has not answered it yet. */
    boolean needsJudge(ItemResult item) {
        return judge.enabled() && item.sql() != null && !item.modelFailed()
                && (item.judge() == null || item.judge().modelFailed());
    }

    /** Builds the judge prompt under a database permit, then asks the judge under its provider's permit. */
    JudgeVerdict judge(Question question, String sql, Semaphore provider, Semaphore database)
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
        // like a generation call's (PermittedModel), the permit covers the call and its response cache commit
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

    /** Nothing for a cached answer; otherwise the answering model's price, or null when it has none. */
    private BigDecimal cost(Completion completion) {
        if (completion.provenance().cached()) {
            return BigDecimal.ZERO;
        }
        String answeredBy = completion.provenance().answeredBy();
        return prices.cost(answeredBy, completion.usage()).orElse(null);
    }
}
