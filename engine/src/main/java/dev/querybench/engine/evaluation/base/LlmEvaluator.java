package dev.querybench.engine.evaluation.base;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A strategy that asks a model to judge a prediction. Subclasses build the judge prompt and read
 * the answer; this class calls the model, retries a malformed answer once, and records an ERROR
 * verdict with the raw text when the second answer is malformed too. Building the prompt
 * ({@link #renderPrompt}) and asking the model ({@link #ask}) are separate steps so that a run
 * can hold a database permit for the first and a model provider permit for the second.
 * Thread-safe when the model adapter is.
 */
public abstract class LlmEvaluator implements EvaluationStrategy {

    private final ModelAdapter judge;
    private final ModelAdapter retry;

    protected LlmEvaluator(ModelAdapter judge) {
        this(judge, judge);
    }

    /**
     * @param judge the model asked first
     * @param retry the same model asked again after a malformed answer; when {@code judge} reads a
     *     response cache, this one should not, or the retry would only get the malformed answer back
     */
    protected LlmEvaluator(ModelAdapter judge, ModelAdapter retry) {
        this.judge = judge;
        this.retry = retry;
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
        return ask(renderPrompt(question, predictedSql)).verdict();
    }

    /** The judge prompt for one prediction; may run queries to show result samples. */
    public final String renderPrompt(Question question, String predictedSql) {
        return prompt(question, predictedSql);
    }

    /**
     * Asks the judge model, once more when the answer is malformed.
     *
     * @return the verdict (ERROR when the model failed or answered malformed twice) with every call made
     */
    public final Judgement ask(String prompt) {
        List<Completion> calls = new ArrayList<>(2);
        String raw = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                Completion completion = (attempt == 1 ? judge : retry).complete(prompt);
                calls.add(completion);
                raw = completion.text();
                return new Judgement(read(raw), null, calls);
            } catch (MalformedAnswerException e) {
                // asked once more below; a model often formats correctly on the second try
            } catch (ModelException e) {
                return new Judgement(Verdict.error(id(), "the judge model failed: " + e.error().message()), null,
                        calls);
            }
        }
        return new Judgement(Verdict.error(id(), "the judge's answer was malformed twice; raw answer: " + raw), raw,
                calls);
    }

    public ModelAdapter judgeModel() {
        return judge;
    }

    /**
     * What one judgement took.
     *
     * @param verdict the judge's verdict; ERROR when the model failed or answered malformed twice
     * @param malformedAnswer the last raw answer when it was malformed twice, else null
     * @param calls every completion the judge model returned for it, in order (none when the first call failed)
     */
    public record Judgement(Verdict verdict, String malformedAnswer, List<Completion> calls) {

        public Judgement {
            calls = List.copyOf(calls);
        }

        /** True when the judge model could not be reached, as opposed to answering badly. */
        public boolean modelFailed() {
            return verdict.outcome() == Outcome.ERROR && malformedAnswer == null;
        }

        public Usage usage() {
            return calls.stream().map(Completion::usage).reduce(Usage.NONE, Usage::plus);
        }

        public Duration latency() {
            return calls.stream().map(Completion::latency).reduce(Duration.ZERO, Duration::plus);
        }
    }

    /** An answer that does not follow the judge's output format. */
    public static final class MalformedAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedAnswerException(String message) {
            super(message);
        }
    }
}
