package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens the backend a connection profile names, through the {@link DatabaseEngine} registered for
 * its dialect (see docs/architecture.md, "Where to add"). Stateless and thread-safe.
 */
public final class DatabaseBackends {

    private DatabaseBackends() {}

    /**
     * Opens a pool for the profile and checks one connection.
     *
     * @throws QueryBenchException saying what is wrong when the database cannot be reached or used
     */
    public static DatabaseBackend open(ConnectionProfile profile) {
        return open(profile, new DatabaseErrors());
    }

    /** As {@link #open(ConnectionProfile)}, with error messages redacted by the given translator. */
    public static DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return engine(profile.dialect()).open(profile, errors);
    }

    /** Every registered engine, in registration order: what the wizard offers, for one. */
    public static List<DatabaseEngine> all() {
        return Registered.ENGINES;
    }

    /** The registered engines, loaded once on first use (an immutable list of stateless engines). */
    private static final class Registered {
        static final List<DatabaseEngine> ENGINES = ServiceLoader.load(DatabaseEngine.class,
                DatabaseEngine.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The engine registered for a dialect. */
    public static DatabaseEngine engine(Dialect dialect) {
        return all().stream()
                .filter(e -> e.dialect().equals(dialect))
                .findFirst()
                .orElseThrow(() -> new QueryBenchException(ErrorResponse.of(ErrorCategory.INTERNAL,
                        "no database engine is registered for " + dialect.displayName(),
                        "the installation is incomplete; reinstall QueryBench")));
    }
}
