package dev.querybench.engine.db;

import dev.querybench.engine.db.mysql.MysqlBackend;
import dev.querybench.engine.db.postgres.PostgresBackend;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.trino.TrinoBackend;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;

/** Opens the backend a connection profile names. Stateless. */
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
        return switch (profile.dialect()) {
            case SQLITE -> {
                String path = profile.url().database();
                if (path == null) {
                    throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                            "the SQLite URL of profile '" + profile.name() + "' names no file",
                            "write jdbc:sqlite:/path/to/file.db"));
                }
                yield new SqliteBackend(Path.of(path), profile.pool().maximumSize(), profile.pool().connectTimeout());
            }
            case POSTGRESQL -> new PostgresBackend(profile, errors);
            case MYSQL -> new MysqlBackend(profile, errors);
            case TRINO -> new TrinoBackend(profile, errors);
        };
    }
}
