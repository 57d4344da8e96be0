package dev.querybench.engine.db.reader;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reader's statements per engine, and what a refusal of them means. Stateless. */
final class ReaderGrants {

    private ReaderGrants() {}

    static List<String> statements(ConnectionProfile admin, ReaderAccount reader, String password) {
        ConnectionUrl url = admin.url();
        List<String> sql = new ArrayList<>();
        if (admin.dialect() == Dialect.POSTGRESQL) {
            String role = "\"" + reader.name() + "\"";
            String db = url.database() == null ? "postgres" : url.database();
            sql.add("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''")
                    + "' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            sql.add("GRANT CONNECT ON DATABASE \"" + db.replace("\"", "\"\"") + "\" TO " + role);
            List<String> wanted = !reader.schemas().isEmpty() ? reader.schemas()
                    : List.of(url.schema() != null ? url.schema() : "public");
            for (String schema : wanted) {
                String s = "\"" + schema.replace("\"", "\"\"") + "\"";
                sql.add("GRANT USAGE ON SCHEMA " + s + " TO " + role);
                sql.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + s + " TO " + role);
                sql.add("ALTER DEFAULT PRIVILEGES IN SCHEMA " + s + " GRANT SELECT ON TABLES TO " + role);
            }
            sql.add("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            sql.add("ALTER ROLE " + role + " SET statement_timeout = '60s'");
            return sql;
        }
        if (url.database() == null) {
            throw new ConfigException("the MySQL profile names no database",
                    "name the dataset's database in the profile", null);
        }
        String account = "'" + reader.name() + "'@'" + reader.hostPattern().replace("'", "''") + "'";
        sql.add("CREATE USER " + account + " IDENTIFIED BY '" + password.replace("\\", "\\\\").replace("'", "''") + "'");
        sql.add("GRANT SELECT, SHOW VIEW ON `" + url.database().replace("`", "``") + "`.* TO " + account);
        return sql;
    }

    static String trinoRule(ConnectionProfile admin, ReaderAccount reader) {
        String catalog = admin.url().database() == null ? ".*" : admin.url().database();
        return String.join("\n",
                "# Trino's users and their rights live in the coordinator's configuration, not in SQL.",
                "# etc/access-control.properties:",
                "access-control.name=file",
                "security.config-file=etc/rules.json",
                "# etc/rules.json (the first matching rule wins; keep writers' rules above this one):",
                "{\"catalogs\": [",
                "  {\"user\": \"" + reader.name() + "\", \"catalog\": \"" + catalog + "\", \"allow\": \"read-only\"}",
                "]}",
                "# Then use username: " + reader.name() + " in the profile; 'querybench validate db' checks that it"
                        + " cannot write.");
    }

    /** The administrator's refusals this service can explain better than a generic database error. */
    static Optional<ErrorResponse> explain(SQLException e, ConnectionProfile admin, ReaderAccount reader) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String who = admin.username() == null ? "the account" : "the account " + admin.username();
        String server = e.getMessage() == null ? "" : " (" + e.getMessage().strip() + ")";
        boolean postgres = admin.dialect() == Dialect.POSTGRESQL;
        if (postgres ? state.equals("42501") : code == 1227 || code == 1044 || code == 1142 || code == 1410) {
            return Optional.of(ErrorResponse.of(ErrorCategory.PERMISSION, who + " may not create accounts or grant"
                    + " reading" + server, postgres
                    ? "connect as a role with CREATEROLE that owns the dataset's schema (or a superuser), or hand"
                            + " the SQL (Show SQL / --print-sql) to a DBA"
                    : "connect as an account with CREATE USER and GRANT OPTION on the database (such as root), or"
                            + " hand the SQL (Show SQL / --print-sql) to a DBA"));
        }
        if (postgres ? state.equals("42710") : code == 1396) {
            return Optional.of(ErrorResponse.of(ErrorCategory.INVALID_INPUT, "an account named " + reader.name()
                    + " exists already" + server, "choose another name, or use that account in the profile"));
        }
        return Optional.empty();
    }
}
