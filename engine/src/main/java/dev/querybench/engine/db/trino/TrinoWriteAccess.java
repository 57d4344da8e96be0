package dev.querybench.engine.db.trino;

import dev.querybench.engine.db.WriteAccess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds out, without writing anything, whether an account on Trino can write, and writes the SQL
 * (or advice) that makes a read-only account instead. Stateless.
 */
final class TrinoWriteAccess {

    private TrinoWriteAccess() {}

    static WriteAccess check(Connection c, String user) throws SQLException {
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
        return new WriteAccess(canWrite, findings, advice);
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

    private static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
