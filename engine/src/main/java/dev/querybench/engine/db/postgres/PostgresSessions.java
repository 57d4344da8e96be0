package dev.querybench.engine.db.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The read-only session of each pooled PostgreSQL connection: its limits and reader role are set
 * once, at session level and committed, instead of in every transaction, and checked after every
 * query.
 *
 * <p>Why this keeps the guarantees: every untrusted query runs in a {@code READ ONLY} transaction
 * that is rolled back, and PostgreSQL undoes a {@code SET} or {@code set_config(…, false)} made in
 * a transaction that rolls back; so a query cannot leave the session with other limits, another
 * role or read-write transactions. After the rollback, in the same round trip, the connection's
 * session-level advisory locks (which a rollback does not release) are released and the settings
 * and the current role are read back: a session that differs from what was set is reported, and
 * the backend evicts its connection. The session is set again when a caller asks for another
 * timeout. Per query this is two round trips ({@code BEGIN READ ONLY} with the query, then
 * {@code ROLLBACK} with the check) where setting the limits per transaction took three.
 * Thread-safe; each connection is used by one thread at a time.
 */
final class PostgresSessions {

    /** Run after the query: ends its transaction, releases advisory locks, reads what the next query inherits. */
    private static final String RESET = "ROLLBACK; SELECT pg_advisory_unlock_all(),"
            + " current_setting('statement_timeout'), current_setting('lock_timeout'),"
            + " current_setting('idle_in_transaction_session_timeout'), current_setting('default_transaction_read_only'),"
            + " current_user";

    private static final String SET = "SELECT set_config('statement_timeout', ?, false),"
            + " set_config('lock_timeout', ?, false), set_config('idle_in_transaction_session_timeout', ?, false)";
    private static final String SET_AS_READER = SET + ", set_config('role', ?, false)";

    private final String readerRole;
    /** Per physical connection (the pool's proxies unwrap to it): the timeout set and the settings read back. */
    private final Map<Connection, Session> sessions = Collections.synchronizedMap(new WeakHashMap<>());

    private record Session(Duration timeout, List<String> expected) {}

    PostgresSessions(String readerRole) {
        this.readerRole = readerRole;
    }

    /**
     * Makes the connection's session carry {@code timeout} and the reader role, committing the
     * change, unless it already does. The query that follows opens the transaction.
     */
    void prepare(Connection connection, Duration timeout) throws SQLException {
        Connection physical = connection.unwrap(Connection.class);
        Session session = sessions.get(physical);
        if (session != null && session.timeout().equals(timeout)) {
            return;
        }
        sessions.remove(physical);
        String value = timeout.toMillis() + "ms";
        try (PreparedStatement s = connection.prepareStatement(readerRole == null ? SET : SET_AS_READER)) {
            s.setString(1, value);
            s.setString(2, value);
            s.setString(3, value);
            if (readerRole != null) {
                s.setString(4, readerRole);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
            }
        }
        connection.commit();
        sessions.put(physical, new Session(timeout, reset(connection)));
    }

    /**
     * Rolls the query's transaction back and checks the session the next query would inherit.
     *
     * @throws SQLException when the rollback fails or the session is not as {@link #prepare} left it
     *     (the caller evicts the connection)
     */
    void finish(Connection connection) throws SQLException {
        Connection physical = connection.unwrap(Connection.class);
        Session session = sessions.get(physical);
        List<String> now = reset(connection);
        if (session == null || !session.expected().equals(now)) {
            sessions.remove(physical);
            throw new SQLException("the session's limits or role changed (" + now + "); the connection is discarded",
                    "55000");
        }
    }

    /** Runs {@link #RESET}; returns the settings and role it read. */
    private static List<String> reset(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(RESET);
            if (!s.getMoreResults()) {
                throw new SQLException("the session check returned no row", "55000");
            }
            try (ResultSet rs = s.getResultSet()) {
                if (!rs.next()) {
                    throw new SQLException("the session check returned no row", "55000");
                }
                List<String> values = new ArrayList<>(5);
                for (int i = 2; i <= 6; i++) {
                    values.add(rs.getString(i));
                }
                return values;
            }
        } finally {
            // the statement ended the transaction itself; this tells the pool so (no round trip when none is open)
            connection.rollback();
        }
    }
}
