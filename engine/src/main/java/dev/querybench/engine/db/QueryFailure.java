package dev.querybench.engine.db;

/** Why a query did not produce a result. */
public enum QueryFailure {
    /** Not valid SQL for the dialect. */
    SYNTAX,
    /** Refers to a table or column that does not exist. */
    SCHEMA,
    /** The account or the read-only session refused it. */
    PERMISSION,
    /** Stopped at the time limit. */
    TIMEOUT,
    /** The safe executor refused it before it reached the database. */
    REFUSED,
    /** Failed while running for another reason (type error, division by zero, connection lost). */
    RUNTIME
}
