package dev.querybench.engine.evaluation;

import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.LlmEvaluator;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.SqlLlmJudge;

/**
 * The LLM judge a run asks about every item after the execution match, or {@link #none()}.
 * Immutable; thread-safe when its evaluator is.
 *
 * @param model the judge's model profile name (recorded with the run and each verdict)
 * @param prompt the judge prompt's name
 * @param evaluator the judge, or null for none
 */
public record ItemJudge(String model, String prompt, LlmEvaluator evaluator) {

    private static final ItemJudge NONE = new ItemJudge(null, null, null);

    public ItemJudge {
        if (evaluator != null && (model == null || prompt == null)) {
            throw new IllegalArgumentException("a judge needs its model profile and prompt names");
        }
    }

    /** No judge: items get only the execution verdict. */
    public static ItemJudge none() {
        return NONE;
    }

    public boolean enabled() {
        return evaluator != null;
    }

    /** How the judge's verdict reads as a decision: PASS is equivalent, FAIL not (or unsure), ERROR none. */
    static JudgeVerdict.Decision decision(Verdict verdict) {
        return switch (verdict.outcome()) {
            case PASS -> JudgeVerdict.Decision.EQUIVALENT;
            case FAIL -> verdict.flags().contains(SqlLlmJudge.FLAG_UNSURE) ? JudgeVerdict.Decision.UNSURE
                    : JudgeVerdict.Decision.NOT_EQUIVALENT;
            case ERROR -> JudgeVerdict.Decision.ERROR;
        };
    }
}
