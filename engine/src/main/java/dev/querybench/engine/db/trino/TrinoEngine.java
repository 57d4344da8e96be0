package dev.querybench.engine.db.trino;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;

/** Trino clusters, registered as a {@link DatabaseEngine} service. */
public final class TrinoEngine implements DatabaseEngine {

    @Override
    public Dialect dialect() {
        return Dialect.TRINO;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return new TrinoBackend(profile, errors);
    }
}
