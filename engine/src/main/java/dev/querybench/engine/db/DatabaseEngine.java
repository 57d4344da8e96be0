package dev.querybench.engine.db;

/**
 * One database engine QueryBench can run SQL on. Each vendor package ({@code db.sqlite},
 * {@code db.postgres}, {@code db.mysql}, {@code db.trino}) has one implementation, registered in
 * {@code META-INF/services/dev.querybench.engine.db.DatabaseEngine}; {@link DatabaseBackends}
 * finds it by {@link #dialect()}, so this package never names a vendor package.
 * Implementations are stateless and thread-safe.
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
}
