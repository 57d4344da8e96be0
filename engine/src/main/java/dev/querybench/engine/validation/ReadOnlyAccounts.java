package dev.querybench.engine.validation;

import dev.querybench.engine.db.ServerVersions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out, without writing anything, whether an account can write, and writes the SQL that
 * creates a read-only account for the same database. Stateless.
 */
final class ReadOnlyAccounts {

    static final String READER = "querybench_reader";
    private static final String PASSWORD_PLACEHOLDER = "choose-a-password";
    private static final Set<String> READ_PRIVILEGES = Set.of("SELECT", "USAGE", "SHOW VIEW", "SHOW DATABASES",
            "PROCESS", "REPLICATION CLIENT", "BINLOG MONITOR", "SLAVE MONITOR", "PROXY");
    private static final Pattern GRANT = Pattern.compile("(?i)^GRANT\\s+(.+?)\\s+ON\\s+(\\S+)\\s+TO\\b");

    private ReadOnlyAccounts() {}

    static PermissionCheck postgres(Connection c) throws SQLException {
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
        return new PermissionCheck(canWrite, findings, sql, Optional.empty());
    }

    static PermissionCheck mysql(Connection c) throws SQLException {
        List<String> findings = new ArrayList<>();
        String database;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            database = rs.getString(1);
        }
        boolean canWrite = false;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                String grant = rs.getString(1);
                Matcher m = GRANT.matcher(grant);
                if (!m.find()) {
                    continue;
                }
                List<String> writes = new ArrayList<>();
                for (String privilege : m.group(1).split(",")) {
                    String p = privilege.strip().replaceAll("\\s*\\(.*\\)$", "").toUpperCase(Locale.ROOT);
                    if (!READ_PRIVILEGES.contains(p)) {
                        writes.add(p);
                    }
                }
                if (!writes.isEmpty() && appliesTo(m.group(2), database)) {
                    canWrite = true;
                    findings.add("granted " + String.join(", ", writes) + " on " + m.group(2));
                }
            }
        }
        if (!canWrite) {
            findings.add("the account can only read: its grants hold no privilege that changes data");
        }
        boolean mariaDb = ServerVersions.isMariaDb(c.getMetaData());
        String db = database == null ? "your_database" : database;
        List<String> lines = new ArrayList<>(List.of(
                "CREATE USER '" + READER + "'@'%' IDENTIFIED BY '" + PASSWORD_PLACEHOLDER + "';",
                "GRANT SELECT, SHOW VIEW ON `" + db.replace("`", "``") + "`.* TO '" + READER + "'@'%';"));
        if (mariaDb) {
            lines.add("ALTER USER '" + READER + "'@'%' WITH MAX_STATEMENT_TIME 60;");
        }
        return new PermissionCheck(canWrite, findings, canWrite ? String.join("\n", lines) : "", Optional.empty());
    }

    static PermissionCheck trino(Connection c, String user) throws SQLException {
        String catalog = c.getCatalog();
        String schema = c.getSchema();
        List<String> findings = new ArrayList<>();
        String probe = firstTable(c, catalog, schema)
                .map(t -> "EXPLAIN (TYPE VALIDATE) INSERT INTO " + t + " SELECT * FROM " + t + " WHERE 1 = 0")
                .orElse("EXPLAIN (TYPE VALIDATE) CREATE TABLE querybench_permission_probe AS SELECT 1 AS x");
        boolean canWrite;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(probe)) {
            rs.next();
            canWrite = true;
            findings.add("the server's access control lets " + user + " write to " + catalog + "." + schema
                    + " (checked with " + probe + ", which runs nothing)");
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("access denied")) {
                throw e;
            }
            canWrite = false;
            findings.add("the server's access control refuses writes by " + user + " (" + firstLine(e) + ")");
        }
        String advice = canWrite ? String.join("\n",
                "-- Trino accounts are made read-only by the coordinator's access control, not by SQL.",
                "-- etc/access-control.properties:",
                "--   access-control.name=file",
                "--   security.config-file=etc/rules.json",
                "-- etc/rules.json (first matching rule wins):",
                "-- {\"catalogs\": [",
                "--   {\"user\": \"" + user + "\", \"catalog\": \"" + catalog + "\", \"allow\": \"read-only\"},",
                "--   {\"catalog\": \".*\", \"allow\": \"all\"}",
                "-- ]}") : "";
        return new PermissionCheck(canWrite, findings, advice, Optional.empty());
    }

    private static Optional<String> firstTable(Connection c, String catalog, String schema) throws SQLException {
        if (catalog == null || schema == null) {
            return Optional.empty();
        }
        try (ResultSet rs = c.getMetaData().getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            return rs.next() ? Optional.of(ident(catalog) + "." + ident(schema) + "." + ident(rs.getString("TABLE_NAME")))
                    : Optional.empty();
        }
    }

    /** Whether a grant's target ({@code *.*}, {@code `db`.*}, {@code `db`.`t`}) covers the database. */
    private static boolean appliesTo(String target, String database) {
        String t = target.replace("`", "");
        return t.startsWith("*.") || database == null || t.toLowerCase(Locale.ROOT)
                .startsWith(database.toLowerCase(Locale.ROOT) + ".");
    }

    private static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String brief(List<String> items) {
        return items.size() <= 5 ? String.join(", ", items) : String.join(", ", items.subList(0, 5)) + ", …";
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
