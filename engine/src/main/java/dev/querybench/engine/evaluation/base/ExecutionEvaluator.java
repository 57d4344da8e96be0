package dev.querybench.engine.evaluation.base;

/** A strategy that executes gold and predicted SQL and compares their results. */
public interface ExecutionEvaluator extends EvaluationStrategy {
}
