package dev.querybench.engine.db;

import java.util.List;

/**
 * A database QueryBench evaluates against, reached over a pooled JDBC connection.
 *
 * <p>{@link #executeReadOnly} is the database-level layer of safe execution: it runs one
 * statement in a read-only session with a timeout that stops the query and a row cap. It does
 * not parse the statement; untrusted SQL goes through {@link SafeExecutor}, which does.
 *
 * <p>Implementations are thread-safe: many queries may run at once, each on its own pooled
 * connection.
 */
public interface DatabaseBackend extends AutoCloseable {

    Dialect dialect();

    /** Reads tables, columns and keys (uncached; see {@link SchemaCache}). */
    SchemaSnapshot introspect();

    /** Up to {@code limit} rows of a table, for prompts that show sample data. */
    QueryResult sampleRows(String table, int limit);

    /**
     * Runs one statement in a read-only session.
     *
     * @throws QueryExecutionException with a {@link QueryFailure} when it fails or times out
     */
    QueryResult executeReadOnly(String sql, QueryLimits limits);

    /** Name and version of the server, for diagnostics. */
    String serverVersion();

    /** The connection pool right now. */
    default PoolStats poolStats() {
        return new PoolStats(0, 0, 0, 0, 0);
    }

    @Override
    void close();

    /** Table names, a convenience over {@link #introspect()}. */
    default List<String> tableNames() {
        return introspect().tables().stream().map(SchemaSnapshot.Table::name).toList();
    }
}
