package dev.querybench.engine.db;

/**
 * Runs untrusted SQL: the only way model-written queries reach a database.
 *
 * <p>The database enforces; the parser advises. The backend runs the statement only under an
 * account that can do no more than read (a privileged one is refused unless the profile allows it,
 * {@link DatabaseBackend#accountSafety()}), in a read-only session, with a timeout that cancels it
 * on the server and bounds on rows and bytes. Before that, the {@link StatementGuard}, reading the
 * text with the dialect's own lexical rules, refuses what is plainly not one read-only query; what
 * its parser cannot read goes to the engine, which decides. A caller whose thread is interrupted
 * (a cancelled run) gets no query run, and a query running when its thread is interrupted is
 * cancelled on the server, as at its timeout ({@link QueryExecutionException#cancelled}).
 * Thread-safe.
 */
public final class SafeExecutor {

    private final DatabaseBackend backend;
    private final StatementGuard guard;

    public SafeExecutor(DatabaseBackend backend) {
        this(backend, new StatementGuard(backend.dialect()));
    }

    public SafeExecutor(DatabaseBackend backend, StatementGuard guard) {
        this.backend = backend;
        this.guard = guard;
    }

    /**
     * @throws QueryExecutionException when refused, failing or timing out
     */
    public QueryResult execute(String sql, QueryLimits limits) {
        refuseIfCancelled();
        String checked = guard.check(sql);
        return backend.executeReadOnly(checked, limits);
    }

    /**
     * Checks and runs a query like {@link #execute}, handing its rows to the sink as they are
     * read, up to {@code maxRows}; for comparing results larger than the row cap.
     *
     * @throws QueryExecutionException when refused, failing or timing out
     */
    public StreamedRows stream(String sql, QueryLimits limits, long maxRows, RowSink sink) {
        refuseIfCancelled();
        String checked = guard.check(sql);
        return backend.streamReadOnly(checked, limits, maxRows, sink);
    }

    /**
     * An interrupted caller (a cancelled run's item) gets no query run: a result it went on to
     * judge could make up a verdict the cancel cut short. Its thread stays interrupted.
     */
    private static void refuseIfCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw QueryExecutionException.cancelled(null);
        }
    }

    public DatabaseBackend backend() {
        return backend;
    }
}
