package dev.querybench.engine.generation;

/**
 * One try at answering: the SQL the model gave and, when it failed on the database, the error that
 * was sent back for repair.
 *
 * @param sql the extracted SQL, or null when the answer held none
 * @param error the database's error, or null when the query ran
 */
public record Attempt(String sql, String error) {}
