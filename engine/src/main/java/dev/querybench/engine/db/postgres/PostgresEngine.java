package dev.querybench.engine.db.postgres;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;

/** PostgreSQL servers, registered as a {@link DatabaseEngine} service. */
public final class PostgresEngine implements DatabaseEngine {

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return new PostgresBackend(profile, errors);
    }
}
