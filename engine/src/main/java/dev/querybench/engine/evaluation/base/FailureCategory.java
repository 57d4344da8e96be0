package dev.querybench.engine.evaluation.base;

import java.util.Locale;

/** Why a prediction failed; docs/evaluation.md lists the categories. */
public enum FailureCategory {
    SYNTAX_ERROR,
    SCHEMA_ERROR,
    TIMEOUT,
    EMPTY_RESULT,
    WRONG_COLUMNS,
    WRONG_ROW_COUNT,
    WRONG_VALUES,
    WRONG_ORDER,
    RUNTIME_ERROR;

    /** The snake_case id used in files and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
