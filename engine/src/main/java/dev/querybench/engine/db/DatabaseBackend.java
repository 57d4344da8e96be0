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

    /**
     * Runs one statement in a read-only session like {@link #executeReadOnly}, handing rows to
     * the sink as they are read instead of collecting them, up to {@code maxRows} rows (the
     * limits' row cap does not apply; their timeout does). The default reads the whole result
     * into memory first; the JDBC backends stream.
     *
     * @throws QueryExecutionException with a {@link QueryFailure} when it fails or times out
     */
    default StreamedRows streamReadOnly(String sql, QueryLimits limits, long maxRows, RowSink sink) {
        QueryResult result = executeReadOnly(sql, new QueryLimits(limits.timeout(),
                (int) Math.min(Integer.MAX_VALUE - 1, Math.max(1, maxRows))));
        sink.columns(result.columns());
        long rows = 0;
        for (List<Object> row : result.rows()) {
            rows++;
            if (!sink.row(row.toArray())) {
                return new StreamedRows(rows, true, result.elapsed());
            }
        }
        return new StreamedRows(rows, result.truncated(), result.elapsed());
    }

    /**
     * Who untrusted SQL runs as, its privileges beyond reading, and what the engine enforces on every
     * untrusted query. The default, for backends without accounts, reports none.
     */
    default AccountSafety accountSafety() {
        return new AccountSafety("(no account)", List.of(), List.of(), false);
    }

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
