package dev.querybench.engine.evaluation.base;

/** The result class of one judged item. ERROR items are excluded from accuracy. */
public enum Outcome {
    PASS,
    FAIL,
    ERROR
}
