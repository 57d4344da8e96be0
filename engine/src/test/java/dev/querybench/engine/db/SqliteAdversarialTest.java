package dev.querybench.engine.db;

import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.testing.db.SqliteTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The SQLite corpus on the file (SQLite has no accounts). */
class SqliteAdversarialTest extends AdversarialSuiteContract {

    @Override
    protected Dialect dialect() {
        return SqliteEngine.DIALECT;
    }

    @Override
    protected TestDatabase createDatabase() {
        return SqliteTestDatabase.create();
    }

    @Override
    protected Map<String, ConnectionProfile> accounts() {
        return Map.of("file", db.readOnly());
    }

    @Override
    protected Connection openSentinel() throws SQLException {
        return DriverManager.getConnection(db.readOnly().jdbcUrl());
    }

    @Override
    protected List<String> stateQueries() {
        return List.of("SELECT count(*), sum(id), sum(parent_id), sum(amount), min(label), max(label) FROM t",
                "SELECT count(*), sum(id), min(name) FROM parent", "SELECT count(*), sum(n) FROM numbers",
                "SELECT type, name, sql FROM sqlite_master ORDER BY 1, 2", "PRAGMA journal_mode",
                "PRAGMA user_version", "PRAGMA schema_version");
    }
}
