package dev.querybench.engine.db;

import dev.querybench.engine.db.mysql.MysqlEngine;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MySQL/MariaDB corpus as the SELECT-only reader, and as the server's administrator (allowed). */
class MysqlAdversarialTest extends ServerAdversarialContract {

    MysqlAdversarialTest() {
        super(MysqlEngine.DIALECT, MysqlTestDatabase::create);
    }

    @Override
    protected Map<String, ConnectionProfile> accounts() {
        Map<String, ConnectionProfile> accounts = new LinkedHashMap<>();
        accounts.put("reader", db.readOnly());
        accounts.put("administrator", db.readOnly().withCredentials(server.user(), server.password())
                .withPrivilegedAccountAllowed(true));
        return accounts;
    }

    @Override
    protected List<String> stateQueries() {
        return List.of("SELECT COUNT(*), SUM(id), SUM(parent_id), SUM(amount), MIN(label), MAX(label) FROM t",
                "SELECT COUNT(*), SUM(id), MIN(name) FROM parent", "SELECT COUNT(*), SUM(n) FROM numbers",
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " OR TABLE_NAME LIKE 'qb_adv%' ORDER BY 1, 2",
                "SELECT COUNT(*) FROM mysql.user WHERE user LIKE 'qb_adv%'",
                "SELECT IS_FREE_LOCK('qb_adv'), IS_FREE_LOCK('qb_adv2')",
                "SELECT @@GLOBAL.max_connections, @@GLOBAL.sql_mode, @@GLOBAL.read_only",
                "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()",
                "SELECT CONNECTION_ID() > 0");
    }
}
