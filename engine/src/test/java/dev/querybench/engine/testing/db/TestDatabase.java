package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A throwaway database on a real server, with two accounts: one that may only read and one that
 * may write. Created with a unique name per test class and dropped (with its accounts) on close.
 */
public interface TestDatabase extends AutoCloseable {

    Dialect dialect();

    /** The database's unique name (Trino: the schema in the memory catalog). */
    String name();

    /** A profile for an account that can only read. */
    ConnectionProfile readOnly();

    /** A profile for an account that may write (to prove the layers above it hold). */
    ConnectionProfile writable();

    /** A plain connection as the writable account. */
    Connection openWritable() throws SQLException;

    /** Runs trusted statements as the writable account. */
    void execute(String... statements);

    /** Rows of a query run as the writable account (or an administrator). */
    List<List<Object>> query(String sql);

    /** Rows in a table, read as the writable account. */
    default long count(String table) {
        return ((Number) query("SELECT COUNT(*) FROM " + table).getFirst().getFirst()).longValue();
    }

    /** Whether a statement containing {@code marker} is still running on the server; empty when unknowable. */
    Optional<Boolean> isRunning(String marker);

    @Override
    void close();
}
