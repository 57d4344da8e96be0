package dev.querybench.engine.db;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PostgreSQL corpus as the reader login, and as the superuser switched to the reader role (allowed). */
class PostgresAdversarialTest extends ServerAdversarialContract {

    PostgresAdversarialTest() {
        super(PostgresEngine.DIALECT, PostgresTestDatabase::create);
    }

    @Override
    protected Map<String, ConnectionProfile> accounts() {
        Map<String, ConnectionProfile> accounts = new LinkedHashMap<>();
        accounts.put("reader login", db.readOnly());
        accounts.put("superuser as reader role", db.readOnly().withCredentials(server.user(), server.password())
                .withReaderRole(db.readOnly().username()).withPrivilegedAccountAllowed(true));
        return accounts;
    }

    @Override
    protected List<String> stateQueries() {
        return List.of("SELECT count(*), sum(id), sum(parent_id), sum(amount), min(label), max(label) FROM t",
                "SELECT count(*), sum(id), min(name) FROM parent", "SELECT count(*), sum(n) FROM numbers",
                "SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1",
                "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace",
                "SELECT count(*) FROM pg_replication_slots", "SELECT count(*) FROM pg_largeobject_metadata",
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'",
                "SELECT stats_reset FROM pg_stat_bgwriter",
                "SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()",
                "SELECT name, setting FROM pg_settings WHERE name IN ('max_connections', 'statement_timeout',"
                        + " 'default_transaction_read_only', 'log_statement') ORDER BY 1",
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender'",
                "SELECT pg_backend_pid() > 0");
    }
}
