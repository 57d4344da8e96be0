package dev.querybench.engine.db.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.querybench.engine.db.AccountSafety;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.PoolStats;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.RowSink;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.db.StreamedRows;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What every JDBC backend shares: a HikariCP pool, the watchdog that cancels late queries, the
 * runner with its row cap, introspection and error wording. A vendor subclass says how to make a
 * pooled connection's next statement read-only ({@link #beginReadOnly}) and how to end it
 * ({@link #endReadOnly}). Thread-safe.
 *
 * <p>A connection whose statement returned no rows, timed out or failed in an unclear way has
 * had something other than a query run on it, or is in an unknown state: it is evicted from the
 * pool instead of being handed to the next query, so session changes cannot leak.
 */
public abstract class PooledJdbcBackend implements DatabaseBackend {

    private static final Set<QueryFailure> EVICTING = Set.of(QueryFailure.REFUSED, QueryFailure.TIMEOUT,
            QueryFailure.RUNTIME);

    private final Dialect dialect;
    private final String displayName;
    private final DatabaseErrors errors;
    private final QueryWatchdog watchdog = new QueryWatchdog();
    private final JdbcQueryRunner runner;
    private final HikariDataSource pool;
    private final boolean allowPrivilegedAccount;
    private volatile AccountSafety accountSafety;

    /**
     * Opens the pool and one connection, so an unreachable server or a wrong password is reported
     * here rather than at the first query.
     *
     * @throws QueryBenchException worded by {@link DatabaseErrors} when the first connection fails
     */
    protected PooledJdbcBackend(Dialect dialect, String displayName, String target, HikariConfig config,
            DatabaseErrors errors) {
        this(dialect, displayName, target, config, errors, false);
    }

    /**
     * @param allowPrivilegedAccount whether untrusted SQL may run under an account with more than read
     *     privileges ({@link #reviewAccount})
     */
    protected PooledJdbcBackend(Dialect dialect, String displayName, String target, HikariConfig config,
            DatabaseErrors errors, boolean allowPrivilegedAccount) {
        this.allowPrivilegedAccount = allowPrivilegedAccount;
        this.dialect = dialect;
        this.displayName = displayName;
        this.errors = errors;
        this.runner = new JdbcQueryRunner(watchdog, dialect, errors);
        config.setInitializationFailTimeout(1);
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            watchdog.close();
            ErrorResponse cause = errors.describe(e, dialect);
            throw new QueryBenchException(new ErrorResponse(cause.category(), cause.retryable(),
                    "cannot open " + target + ": " + cause.message(), cause.remedy()), e);
        }
    }

    @Override
    public final Dialect dialect() {
        return dialect;
    }

    @Override
    public final QueryResult executeReadOnly(String sql, QueryLimits limits) {
        return untrusted(sql, limits, connection -> runner.run(connection, sql, limits, fetchSize(limits)));
    }

    @Override
    public final StreamedRows streamReadOnly(String sql, QueryLimits limits, long maxRows, RowSink sink) {
        return untrusted(sql, limits,
                connection -> runner.stream(connection, sql, limits, maxRows, fetchSize(limits), sink));
    }

    /**
     * Runs one checked statement in a read-only session on a pooled connection; a connection whose
     * session could not be reset, or whose failure leaves it unusable, is evicted from the pool.
     */
    private <T> T untrusted(String sql, QueryLimits limits, SqlWork<T> work) {
        checkStatement(sql);
        requireSafeAccount();
        Connection connection = borrow();
        boolean evict = true;
        try {
            beginReadOnly(connection, limits);
            T result = work.apply(connection);
            evict = !endReadOnly(connection);
            return result;
        } catch (QueryExecutionException e) {
            evict = EVICTING.contains(e.failure()) || !endReadOnly(connection);
            throw e;
        } catch (SQLException e) {
            throw new QueryExecutionException(errors.classify(e, dialect), errors.describe(e, dialect), e);
        } finally {
            release(connection, evict);
        }
    }

    /**
     * Runs trusted work (introspection, version checks) on a pooled connection inside the same
     * read-only session as queries.
     */
    protected final <T> T withConnection(SqlWork<T> work) {
        Connection connection = borrow();
        boolean evict = true;
        try {
            beginReadOnly(connection, new QueryLimits(Duration.ofSeconds(60), 1));
            T value = work.apply(connection);
            evict = !endReadOnly(connection);
            return value;
        } catch (SQLException e) {
            throw new QueryBenchException(errors.describe(e, dialect), e);
        } finally {
            release(connection, evict);
        }
    }

    /**
     * The account untrusted SQL runs under, reviewed on the server once (on first use) and kept.
     *
     * @throws QueryBenchException when the server cannot be asked
     */
    @Override
    public final AccountSafety accountSafety() {
        AccountSafety known = accountSafety;
        if (known == null) {
            Review review = withConnection(this::reviewAccount);
            known = new AccountSafety(review.account(), review.excess(), protections(), allowPrivilegedAccount);
            accountSafety = known;
        }
        return known;
    }

    private void requireSafeAccount() {
        AccountSafety safety;
        try {
            safety = accountSafety();
        } catch (QueryBenchException e) {
            throw new QueryExecutionException(QueryFailure.RUNTIME, e.error(), e);
        }
        if (safety.privileged() && !safety.allowed()) {
            throw new QueryExecutionException(QueryFailure.PERMISSION, "refused: untrusted SQL does not run under "
                    + safety.account() + ", which holds more than read privileges (" + String.join("; ", safety.excess())
                    + "); connect with a reader account (create one with 'querybench db reader', or name a"
                    + " readerRole on PostgreSQL), or set allowPrivilegedAccount: true in the database profile"
                    + " (--allow-privileged-account) to accept the risk", null);
        }
    }

    /**
     * Finds, on a connection in the read-only session, who untrusted SQL runs as and what it may do
     * beyond reading. The default finds nothing.
     */
    protected Review reviewAccount(Connection connection) throws SQLException {
        return new Review(String.valueOf(connection.getMetaData().getUserName()), List.of());
    }

    /** What this engine enforces on every untrusted query, one line each, for {@code validate db}. */
    protected abstract List<String> protections();

    /** Who untrusted SQL runs as, and its privileges beyond reading. */
    protected record Review(String account, List<String> excess) {
        public Review {
            excess = List.copyOf(excess);
        }
    }

    @Override
    public SchemaSnapshot introspect() {
        MetadataIntrospector introspector = new MetadataIntrospector(dialect, this::isHiddenTable);
        return withConnection(c -> introspector.read(c.getMetaData(), catalog(c), schema(c)));
    }

    @Override
    public QueryResult sampleRows(String table, int limit) {
        return executeReadOnly("SELECT * FROM " + quoteIdentifier(table) + " LIMIT " + Math.max(1, limit),
                new QueryLimits(Duration.ofSeconds(10), Math.max(1, limit)));
    }

    @Override
    public String serverVersion() {
        return withConnection(c -> displayName + " " + c.getMetaData().getDatabaseProductVersion());
    }

    @Override
    public PoolStats poolStats() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStats(0, 0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    @Override
    public void close() {
        pool.close();
        watchdog.close();
    }

    /** Refuses, before any connection is used, SQL this driver would run in an unsafe way. */
    protected void checkStatement(String sql) {}

    /** Makes the connection's next statement run read-only, with engine-side limits. */
    protected abstract void beginReadOnly(Connection connection, QueryLimits limits) throws SQLException;

    /** Ends the read-only unit of work (usually a rollback). */
    protected abstract void finishReadOnly(Connection connection) throws SQLException;

    /** Rows per round trip; a positive number streams through a cursor where the driver can. */
    protected int fetchSize(QueryLimits limits) {
        return Math.min(limits.rowCap() + 1, 1_000);
    }

    /** The catalog introspection reads, or null for the driver's default. */
    protected String catalog(Connection connection) throws SQLException {
        return connection.getCatalog();
    }

    /** The schema introspection reads, or null for all. */
    protected String schema(Connection connection) throws SQLException {
        return connection.getSchema();
    }

    /** Tables introspection leaves out. */
    protected boolean isHiddenTable(String name) {
        return name.startsWith("querybench_");
    }

    /** An identifier quoted for this dialect. */
    protected String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    protected final DatabaseErrors errors() {
        return errors;
    }

    private Connection borrow() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new QueryExecutionException(QueryFailure.RUNTIME, errors.describe(e, dialect), e);
        }
    }

    private boolean endReadOnly(Connection connection) {
        try {
            finishReadOnly(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void release(Connection connection, boolean evict) {
        if (evict) {
            pool.evictConnection(connection);
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            pool.evictConnection(connection);
        }
    }

    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    protected interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
