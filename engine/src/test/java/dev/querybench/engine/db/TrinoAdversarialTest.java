package dev.querybench.engine.db;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.testing.db.TrinoTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Trino corpus as the read-only user, and as the loader that may write (allowed). */
class TrinoAdversarialTest extends ServerAdversarialContract {

    TrinoAdversarialTest() {
        super(TrinoEngine.DIALECT, TrinoTestDatabase::create);
    }

    @Override
    protected Map<String, ConnectionProfile> accounts() {
        Map<String, ConnectionProfile> accounts = new LinkedHashMap<>();
        accounts.put("reader", db.readOnly());
        accounts.put("loader", db.writable().withPrivilegedAccountAllowed(true));
        return accounts;
    }

    @Override
    protected Connection openSentinel() throws SQLException {
        return connect(db.writable());
    }

    @Override
    protected List<String> stateQueries() {
        return List.of("SELECT count(*), sum(id), sum(parent_id), sum(amount), min(label), max(label) FROM t",
                "SELECT count(*), sum(id), min(name) FROM parent", "SELECT count(*), sum(n) FROM numbers",
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = '"
                        + db.name() + "' OR table_name LIKE 'qb_adv%' ORDER BY 1, 2",
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'qb_adv%'");
    }
}
