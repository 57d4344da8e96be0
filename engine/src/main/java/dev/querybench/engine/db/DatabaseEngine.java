package dev.querybench.engine.db;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One database engine QueryBench can run SQL on, with everything about it that differs by
 * vendor outside the SQL grammar: the driver's URL options and check-time defaults, its TLS
 * advice, how its server names its version, whether QueryBench can create its reader account,
 * the notes a prompt gives a model about it, and the backend. Each vendor package
 * ({@code db.sqlite}, {@code db.postgres}, {@code db.mysql}, {@code db.trino}) has one
 * implementation, registered in {@code META-INF/services/dev.querybench.engine.db.DatabaseEngine};
 * {@link DatabaseBackends} finds it by {@link #dialect()}, so no other package names a vendor
 * package (docs/architecture.md, "Adding a database engine"). Implementations are stateless and
 * thread-safe.
 */
public interface DatabaseEngine {

    /** The dialect whose profiles this engine opens. */
    Dialect dialect();

    /**
     * Opens a pool for the profile and checks one connection.
     *
     * @throws dev.querybench.engine.errors.QueryBenchException saying what is wrong when the
     *     database cannot be reached or used
     */
    DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors);

    /** The URL options this engine's JDBC driver understands, to catch typos before connecting. */
    Set<String> driverOptions();

    /**
     * Adds this driver's time limits (or, for a file, its open mode) to the options of a one-off
     * check connection, where the URL does not set them.
     */
    void checkOptions(Map<String, String> options, Duration timeout);

    /** What to change when the client and the server disagree about TLS. */
    String tlsFix();

    /** Short notes on this dialect that models often get wrong, for prompts that ask for them. */
    String promptHints();

    /** The server as users know it, from the driver's product version ("MariaDB 10.11.19"). */
    String serverName(String productVersion);

    /** Whether QueryBench can create a reader account on this engine itself (with SQL it runs). */
    boolean createsReaders();
}
