package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.ExecutionEvaluator;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.HashSet;
import java.util.Set;

/**
 * The Spider evaluator's handling of a predicted line before it is judged, above the test suite
 * (so a candidate passes only when it passes on every instance, as officially): every "value"
 * becomes "1", and with {@code --plug-value} the prediction with gold's values plugged in is tried
 * every way until one passes ({@link SpiderValuePlugs}). A pass found by plugging is flagged
 * {@value #FLAG_PLUGGED}. Thread-safe when the inner evaluator is.
 */
public final class SpiderPredictions implements ExecutionEvaluator {

    /** The prediction passed with gold's values plugged into it. */
    public static final String FLAG_PLUGGED = "value-plugged";

    private final EvaluationStrategy inner;
    private final SpiderRewrite rewrite;
    private final boolean plugValue;
    private final SpiderValuePlugs plugs = new SpiderValuePlugs();

    /**
     * @param inner judges one predicted query (on every test-suite instance)
     * @param rewrite the same rewrite the inner evaluators apply (for plugging)
     * @param plugValue the official {@code --plug_value}
     */
    public SpiderPredictions(EvaluationStrategy inner, SpiderRewrite rewrite, boolean plugValue) {
        this.inner = inner;
        this.rewrite = rewrite;
        this.plugValue = plugValue;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public Verdict evaluate(Question question, String predictedSql) {
        if (predictedSql == null || predictedSql.isBlank()) {
            return inner.evaluate(question, predictedSql);
        }
        String prediction = rewrite.prediction(predictedSql);
        Verdict own = inner.evaluate(question, prediction);
        if (!plugValue || own.outcome() != Outcome.FAIL) {
            return own;
        }
        String gold = rewrite.apply(question.gold().getFirst());
        for (String candidate : plugs.candidates(gold, rewrite.apply(prediction))) {
            Verdict v = inner.evaluate(question, candidate);
            if (v.outcome() == Outcome.PASS) {
                Set<String> flags = new HashSet<>(v.flags());
                flags.add(FLAG_PLUGGED);
                return new Verdict(v.outcome(), v.score(), v.mode(), flags, null,
                        v.reason() + " with gold's values plugged in: " + candidate, v.missingRows(), v.extraRows());
            }
        }
        return own;
    }
}
