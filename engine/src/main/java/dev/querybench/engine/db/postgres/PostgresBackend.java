package dev.querybench.engine.db.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.internal.PooledJdbcBackend;
import dev.querybench.engine.db.internal.ProfileConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL through pgjdbc. Every query runs in its own {@code READ ONLY} transaction that is
 * rolled back afterwards, under a session-level {@code statement_timeout} (the engine-side limit
 * next to the watchdog's cancel), {@code lock_timeout} and {@code idle_in_transaction_session_timeout};
 * sessions default to read-only transactions too. The limits and the reader role are set once per
 * pooled connection and checked after every query's rollback ({@link PostgresSessions}). Autocommit
 * is off so rows stream through a cursor in batches. Text with more than one statement is refused
 * before it reaches the driver, because pgjdbc would run every one of them.
 *
 * <p>With a {@code readerRole} in the profile, the session switches to that role ({@code SET
 * ROLE}, committed once per connection; a query's own role change is undone by its rollback), so
 * functions only a superuser, a replication role or a member of
 * {@code pg_read_server_files}/{@code pg_signal_backend} may call fail with the server's own
 * permission error. Session-level advisory locks a query took are released right after it. The
 * account is reviewed once ({@link #reviewAccount}): a role with superuser, replication,
 * BYPASSRLS, CREATEROLE or CREATEDB, or a member of a predefined role that reads files, signals
 * backends or reads all data, is privileged. With a reader role the login is reviewed the same
 * way, because any login may switch back from within a query ({@code set_config('role', 'none',
 * false)} needs no right) for the rest of that statement: the reader role confines a login that has
 * no such rights itself. Thread-safe.
 */
public final class PostgresBackend extends PooledJdbcBackend {

    public PostgresBackend(ConnectionProfile profile) {
        this(profile, new DatabaseErrors());
    }

    /** Predefined roles whose members may read or write server files, signal backends or read beyond the dataset. */
    private static final List<String> DANGEROUS_ROLES = List.of("pg_read_server_files", "pg_write_server_files",
            "pg_execute_server_program", "pg_signal_backend", "pg_checkpoint", "pg_read_all_data", "pg_write_all_data",
            "pg_create_subscription", "pg_use_reserved_connections");

    private final String readerRole;
    private final PostgresSessions sessions;

    public PostgresBackend(ConnectionProfile profile, DatabaseErrors errors) {
        super(PostgresEngine.DIALECT, "PostgreSQL", ProfileConfig.target(profile), config(profile), errors,
                profile.allowPrivilegedAccount());
        this.readerRole = profile.readerRole();
        this.sessions = new PostgresSessions(readerRole);
    }

    private static HikariConfig config(ConnectionProfile profile) {
        ProfileConfig.requireDialect(profile, PostgresEngine.DIALECT);
        long connectSeconds = Math.max(1, profile.pool().connectTimeout().toSeconds());
        HikariConfig config = ProfileConfig.hikari(profile, Map.of(
                "ApplicationName", "QueryBench",
                "connectTimeout", String.valueOf(connectSeconds),
                "loginTimeout", String.valueOf(connectSeconds),
                "tcpKeepAlive", "true",
                // the driver refuses a fetch larger than this before reading it, so one huge value
                // (repeat('x', 1e9)) fails instead of filling the heap
                "maxResultBuffer", String.valueOf(QueryLimits.DEFAULT_MAX_RESULT_BYTES)),
                Map.of("readOnlyMode", "transaction"));
        config.setAutoCommit(false);
        config.setReadOnly(true);
        config.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        // commit the init statement on its own, or the first query's rollback would undo it
        config.setIsolateInternalQueries(true);
        return config;
    }

    @Override
    protected void checkStatement(String sql) {
        switch (PostgresStatements.shapeOf(sql)) {
            case STACKED -> throw new QueryExecutionException(QueryFailure.REFUSED,
                    "refused: it holds more than one statement, and PostgreSQL's driver would run them all", null);
            case UNTERMINATED -> throw new QueryExecutionException(QueryFailure.SYNTAX,
                    "syntax error: a quoted string, identifier or comment is not closed", null);
            case SINGLE -> { }
        }
    }

    @Override
    protected void beginReadOnly(Connection connection, QueryLimits limits) throws SQLException {
        // the limits and the reader role live in the session, set once per connection and timeout
        // (PostgresSessions); with autocommit off and read-only set, pgjdbc opens the query's
        // transaction with BEGIN READ ONLY in the query's own round trip
        sessions.prepare(connection, limits.timeout());
    }

    @Override
    protected Review reviewAccount(Connection connection) throws SQLException {
        List<String> excess = new ArrayList<>();
        String login;
        boolean loginSuperuser;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT session_user, (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            login = rs.getString(1);
            loginSuperuser = rs.getBoolean(2);
        }
        String effective = readerRole != null ? readerRole : login;
        excess.addAll(excessRights(connection, effective, effective));
        if (readerRole != null && !login.equals(readerRole)) {
            // A query may leave the reader role for the login (set_config('role', 'none', false) needs no
            // right), for the rest of its statement: what the login itself may do counts as well.
            String leaving = ", and a query can return to the login from the reader role (set_config('role', …))";
            if (loginSuperuser) {
                excess.add("the login " + login + " is a superuser, which can leave the reader role from within a query"
                        + " (set_config('role', …))");
            } else {
                excessRights(connection, login, "the login " + login).forEach(e -> excess.add(e + leaving));
            }
        }
        return new Review(describe(login), excess);
    }

    /** The attributes and predefined roles beyond reading that {@code role} has, each named after {@code who}. */
    private static List<String> excessRights(Connection connection, String role, String who) throws SQLException {
        List<String> excess = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT r.rolsuper, r.rolreplication, r.rolbypassrls,"
                + " r.rolcreaterole, r.rolcreatedb, (SELECT string_agg(b.rolname, ', ' ORDER BY b.rolname) FROM pg_roles b"
                + " WHERE b.rolname = ANY (?) AND pg_has_role(r.oid, b.oid, 'USAGE'))"
                + " FROM pg_roles r WHERE r.rolname = ?")) {
            s.setArray(1, connection.createArrayOf("text", DANGEROUS_ROLES.toArray()));
            s.setString(2, role);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the role " + role + " does not exist", "42704");
                }
                if (rs.getBoolean(1)) {
                    // a superuser may do everything the rest would list
                    return List.of(who + " is a superuser");
                }
                String[] attributes = {"SUPERUSER", "REPLICATION", "BYPASSRLS", "CREATEROLE", "CREATEDB"};
                for (int i = 1; i < attributes.length; i++) {
                    if (rs.getBoolean(i + 1)) {
                        excess.add(who + " has " + attributes[i]);
                    }
                }
                if (rs.getString(6) != null) {
                    excess.add(who + " is a member of " + rs.getString(6));
                }
            }
        }
        return excess;
    }

    private String describe(String login) {
        return readerRole != null ? readerRole + " (SET ROLE, login " + login + ")" : login;
    }

    @Override
    protected List<String> protections() {
        List<String> lines = new ArrayList<>(List.of(
                "each query runs in its own READ ONLY transaction, rolled back afterwards",
                "statement_timeout, lock_timeout and idle_in_transaction_session_timeout are set on each"
                        + " connection and checked after every query, and the query is cancelled on the server at"
                        + " the deadline",
                "text holding more than one statement is refused (the driver would run them all)",
                "session-level advisory locks a query took are released right after it"));
        if (readerRole != null) {
            lines.add("each query runs as role " + readerRole + " (SET ROLE, checked after every query): the server"
                    + " checks its privileges; a query can switch back to the login, whose rights are reviewed too");
        }
        return lines;
    }

    @Override
    protected void finishReadOnly(Connection connection) throws SQLException {
        sessions.finish(connection);
    }

    @Override
    protected String catalog(Connection connection) {
        return null;
    }
}
