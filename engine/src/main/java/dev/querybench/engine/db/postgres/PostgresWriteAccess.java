package dev.querybench.engine.db.postgres;

import dev.querybench.engine.db.WriteAccess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out, without writing anything, whether an account on PostgreSQL can write, and writes the SQL
 * (or advice) that makes a read-only account instead. Stateless.
 */
final class PostgresWriteAccess {

    private static final String READER = "querybench_reader";
    private static final String PASSWORD_PLACEHOLDER = "choose-a-password";

    private PostgresWriteAccess() {}

    static WriteAccess check(Connection c) throws SQLException {
        List<String> findings = new ArrayList<>();
        String database;
        String schema;
        boolean superuser;
        boolean schemaCreate;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database(),"
                + " current_schema(), (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),"
                + " has_schema_privilege(current_schema(), 'CREATE')")) {
            rs.next();
            database = rs.getString(1);
            schema = rs.getString(2);
            superuser = rs.getBoolean(3);
            schemaCreate = rs.getBoolean(4);
        }
        if (superuser) {
            findings.add("the account is a superuser: it can change anything, and lift read-only settings");
        }
        if (schemaCreate) {
            findings.add("the account may create tables in schema " + schema);
        }
        List<String> writable = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_schema || '.' ||"
                + " table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog',"
                + " 'information_schema') AND (has_table_privilege(quote_ident(table_schema) || '.' ||"
                + " quote_ident(table_name), 'INSERT, UPDATE, DELETE, TRUNCATE')) ORDER BY 1")) {
            while (rs.next()) {
                writable.add(rs.getString(1));
            }
        }
        if (!writable.isEmpty()) {
            findings.add("the account may change rows of " + writable.size() + " table(s): " + brief(writable));
        }
        boolean canWrite = superuser || schemaCreate || !writable.isEmpty();
        if (!canWrite) {
            findings.add("the account can only read: no table or schema privilege allows a change");
        }
        String sql = canWrite ? String.join("\n",
                "CREATE ROLE " + READER + " LOGIN PASSWORD '" + PASSWORD_PLACEHOLDER + "';",
                "GRANT CONNECT ON DATABASE " + ident(database) + " TO " + READER + ";",
                "GRANT USAGE ON SCHEMA " + ident(schema) + " TO " + READER + ";",
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + ident(schema) + " TO " + READER + ";",
                "ALTER DEFAULT PRIVILEGES IN SCHEMA " + ident(schema) + " GRANT SELECT ON TABLES TO " + READER + ";",
                "ALTER ROLE " + READER + " SET default_transaction_read_only = on;",
                "ALTER ROLE " + READER + " SET statement_timeout = '60s';") : "";
        return new WriteAccess(canWrite, findings, sql);
    }

    private static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String brief(List<String> items) {
        return items.size() <= 5 ? String.join(", ", items) : String.join(", ", items.subList(0, 5)) + ", …";
    }
}
