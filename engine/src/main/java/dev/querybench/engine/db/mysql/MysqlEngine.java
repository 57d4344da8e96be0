package dev.querybench.engine.db.mysql;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;

/** MySQL and MariaDB servers, registered as a {@link DatabaseEngine} service. */
public final class MysqlEngine implements DatabaseEngine {

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return new MysqlBackend(profile, errors);
    }
}
