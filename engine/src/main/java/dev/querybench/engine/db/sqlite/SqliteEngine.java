package dev.querybench.engine.db.sqlite;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;

/** SQLite files, registered as a {@link DatabaseEngine} service. */
public final class SqliteEngine implements DatabaseEngine {

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        String path = profile.url().database();
        if (path == null) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "the SQLite URL of profile '" + profile.name() + "' names no file",
                    "write jdbc:sqlite:/path/to/file.db"));
        }
        return new SqliteBackend(Path.of(path), profile.pool().maximumSize(), profile.pool().connectTimeout());
    }
}
