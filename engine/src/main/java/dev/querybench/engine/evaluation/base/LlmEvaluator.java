package dev.querybench.engine.evaluation.base;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelException;

/**
 * A strategy that asks a model to judge a prediction. Subclasses build the judge prompt and read
 * the answer; this class calls the model, retries a malformed answer once, and records an ERROR
 * verdict with the raw text when the second answer is malformed too. Thread-safe when the model
 * adapter is.
 */
public abstract class LlmEvaluator implements EvaluationStrategy {

    private final ModelAdapter judge;

    protected LlmEvaluator(ModelAdapter judge) {
        this.judge = judge;
    }

    /** The prompt sent to the judge model. */
    protected abstract String prompt(Question question, String predictedSql);

    /**
     * Reads the judge's answer.
     *
     * @throws MalformedAnswerException when the answer is not in the expected form
     */
    protected abstract Verdict read(String answer);

    @Override
    public final Verdict evaluate(Question question, String predictedSql) {
        String prompt = prompt(question, predictedSql);
        String raw = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                raw = judge.complete(prompt).text();
                return read(raw);
            } catch (MalformedAnswerException e) {
                // asked once more below; a model often formats correctly on the second try
            } catch (ModelException e) {
                return Verdict.error(id(), "the judge model failed: " + e.error().message());
            }
        }
        return Verdict.error(id(), "the judge's answer was malformed twice; raw answer: " + raw);
    }

    public ModelAdapter judgeModel() {
        return judge;
    }

    /** An answer that does not follow the judge's output format. */
    public static final class MalformedAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedAnswerException(String message) {
            super(message);
        }
    }
}
