package dev.querybench.engine.run;

import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.generation.Attempt;
import dev.querybench.engine.errors.Explanation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One finished item: what was asked, what the model answered, and the verdict.
 *
 * @param key which item
 * @param prompt the rendered prompt
 * @param answer the model's raw answer, or null when the call failed
 * @param sql the extracted SQL, or null
 * @param verdict the judgement
 * @param latencyMs model call time in milliseconds
 * @param usage tokens used
 * @param modelId the model id the provider reported
 * @param provenance which model really answered, after how many retries and fallbacks, from the cache or not
 * @param cost what the answer cost in US dollars: zero from the cache or without an answer, null when the model
 *     that answered has no price
 * @param error why the model produced nothing usable (what, where, fix), or null
 * @param finishedAt when the item finished
 * @param attempts the repair loop's tries, in order (empty when the variant does not repair)
 * @param judge the LLM judge's verdict, or null when the run has no judge or the item was not judged (no SQL)
 */
public record ItemResult(
        ItemKey key, String prompt, String answer, String sql, Verdict verdict, long latencyMs, Usage usage,
        String modelId, Provenance provenance, BigDecimal cost, Explanation error, Instant finishedAt,
        List<Attempt> attempts, JudgeVerdict judge) {

    /** An item without a judge verdict. */
    public ItemResult(ItemKey key, String prompt, String answer, String sql, Verdict verdict, long latencyMs,
            Usage usage, String modelId, Provenance provenance, BigDecimal cost, Explanation error, Instant finishedAt,
            List<Attempt> attempts) {
        this(key, prompt, answer, sql, verdict, latencyMs, usage, modelId, provenance, cost, error, finishedAt,
                attempts, null);
    }

    public ItemResult {
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** An item whose provenance and cost are not known, without repair attempts. */
    public ItemResult(ItemKey key, String prompt, String answer, String sql, Verdict verdict, long latencyMs,
            Usage usage, String modelId, Explanation error, Instant finishedAt) {
        this(key, prompt, answer, sql, verdict, latencyMs, usage, modelId, Provenance.UNKNOWN, null, error, finishedAt,
                List.of());
    }

    /** An item whose provenance and cost are not known. */
    public ItemResult(ItemKey key, String prompt, String answer, String sql, Verdict verdict, long latencyMs,
            Usage usage, String modelId, Explanation error, Instant finishedAt, List<Attempt> attempts) {
        this(key, prompt, answer, sql, verdict, latencyMs, usage, modelId, Provenance.UNKNOWN, null, error, finishedAt,
                attempts);
    }

    /** An item without repair attempts. */
    public ItemResult(ItemKey key, String prompt, String answer, String sql, Verdict verdict, long latencyMs,
            Usage usage, String modelId, Provenance provenance, BigDecimal cost, Explanation error,
            Instant finishedAt) {
        this(key, prompt, answer, sql, verdict, latencyMs, usage, modelId, provenance, cost, error, finishedAt,
                List.of());
    }

    /** The same item with the judge's verdict. */
    public ItemResult withJudge(JudgeVerdict newJudge) {
        return new ItemResult(key, prompt, answer, sql, verdict, latencyMs, usage, modelId, provenance, cost, error,
                finishedAt, attempts, newJudge);
    }

    /** True when the model call itself failed; such items are tried again on resume. */
    public boolean modelFailed() {
        return answer == null && error != null;
    }

    public Outcome outcome() {
        return verdict.outcome();
    }
}
