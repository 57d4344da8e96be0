package dev.querybench.engine.evaluation.base;

import dev.querybench.engine.dataset.Question;

/**
 * Judges a predicted query against a question's gold. Implementations are thread-safe: a run
 * judges many items at once.
 */
public interface EvaluationStrategy {

    /** A stable id used in results, such as {@code execution-strict}. */
    String id();

    Verdict evaluate(Question question, String predictedSql);
}
