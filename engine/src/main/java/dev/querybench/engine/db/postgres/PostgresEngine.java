package dev.querybench.engine.db.postgres;

import dev.querybench.engine.db.SuiteAreas;
import dev.querybench.engine.db.WriteAccess;
import java.util.ArrayList;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.ReaderRefusal;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SqlSyntax;
import dev.querybench.engine.db.SqlSyntax.Feature;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PostgreSQL servers, registered as a {@link DatabaseEngine} service. */
public final class PostgresEngine implements DatabaseEngine {

    /** The dialect of this engine: its names, URL form and how its SQL text reads. */
    public static final Dialect DIALECT = new Dialect("PostgreSQL", "postgresql", 5432,
            List.of("postgresql", "postgres", "pg"), false, SqlSyntax.of(Feature.NESTED_COMMENTS, Feature.DOLLAR_QUOTES,
                    Feature.ESCAPE_STRINGS, Feature.UNICODE_STRINGS, Feature.UNICODE_NAMES, Feature.DOLLAR_IN_NAMES));

    /** The URL options the JDBC driver understands, to catch typos before connecting. */
    private static final Set<String> DRIVER_OPTIONS = Set.of("user", "password", "ApplicationName", "assumeMinServerVersion",
            "autosave", "binaryTransfer", "cancelSignalTimeout", "channelBinding", "cleanupSavepoints", "connectTimeout",
            "currentSchema", "defaultRowFetchSize", "escapeSyntaxCallMode", "gssEncMode", "gsslib", "hostRecheckSeconds",
            "jaasApplicationName", "kerberosServerName", "loadBalanceHosts", "localSocketAddress", "loggerLevel",
            "loginTimeout", "logUnclosedConnections", "maxResultBuffer", "options", "preferQueryMode", "prepareThreshold",
            "quoteReturningIdentifiers", "readOnly", "readOnlyMode", "receiveBufferSize", "reWriteBatchedInserts",
            "sendBufferSize", "socketFactory", "socketTimeout", "ssl", "sslcert", "sslfactory", "sslhostnameverifier",
            "sslkey", "sslmode", "sslnegotiation", "sslpassword", "sslrootcert", "sspiServiceClass", "stringtype",
            "targetServerType", "tcpKeepAlive", "tcpNoDelay", "unknownLength", "adaptiveFetch", "groupStartupParameters");

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return new PostgresBackend(profile, errors);
    }

    @Override
    public Set<String> driverOptions() {
        return DRIVER_OPTIONS;
    }

    @Override
    public void checkOptions(Map<String, String> options, Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        options.putIfAbsent("connectTimeout", String.valueOf(seconds));
        options.putIfAbsent("loginTimeout", String.valueOf(seconds));
        options.putIfAbsent("socketTimeout", String.valueOf(seconds + 5));
    }

    @Override
    public String tlsFix() {
        return "set sslmode in the URL to what the server offers: sslmode=disable for a server"
                + " without TLS, sslmode=require (or verify-full) for one that demands it";
    }

    @Override
    public String promptHints() {
        return """
                    - Use EXTRACT(YEAR FROM col), date_trunc() and interval arithmetic for dates.
                    - Identifiers are case-folded to lower case unless double-quoted.
                    - Integer division truncates; cast to numeric for ratios.""";
    }

    @Override
    public String serverName(String productVersion) {
        return "PostgreSQL " + productVersion;
    }

    @Override
    public boolean createsReaders() {
        return true;
    }

    @Override
    public DatabaseErrors.Kind errorKind(String state, int code, String text) {
        return switch (state) {
            case "28P01", "28000" -> DatabaseErrors.Kind.AUTHENTICATION;
            case "3D000" -> DatabaseErrors.Kind.UNKNOWN_DATABASE;
            case "57014" -> DatabaseErrors.Kind.TIMEOUT;
            case "42501", "25006" -> DatabaseErrors.Kind.PERMISSION;
            case "42601" -> DatabaseErrors.Kind.SYNTAX;
            case "42P01", "42703", "42883", "3F000", "42704" -> DatabaseErrors.Kind.UNKNOWN_OBJECT;
            default -> text.contains("password authentication failed") ? DatabaseErrors.Kind.AUTHENTICATION : null;
        };
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public String dropTable(String table) {
        return "DROP TABLE " + table + " CASCADE";
    }

    @Override
    public String tableSchema(Connection connection) throws SQLException {
        return connection.getSchema();
    }

    @Override
    public Optional<String> schemaOption() {
        return Optional.of("currentSchema");
    }

    /** The transaction's statement_timeout and the watchdog's cancel suffice; pgjdbc's timer would be a third. */
    @Override
    public boolean needsDriverQueryTimer() {
        return false;
    }

    /** sql-eval runs PostgreSQL queries through psycopg, which reads {@code %} as a parameter marker. */
    @Override
    public boolean sqlEvalEscapesPercent() {
        return true;
    }

    @Override
    public List<String> readerStatements(ConnectionUrl url, String reader, String hostPattern, List<String> schemas,
            String password) {
        List<String> sql = new ArrayList<>();
        String role = "\"" + reader + "\"";
        String db = url.database() == null ? "postgres" : url.database();
        sql.add("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''")
                + "' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
        sql.add("GRANT CONNECT ON DATABASE \"" + db.replace("\"", "\"\"") + "\" TO " + role);
        List<String> wanted = !schemas.isEmpty() ? schemas : List.of(url.schema() != null ? url.schema() : "public");
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

    @Override
    public Optional<ReaderRefusal> readerRefusal(SQLException e) {
        return switch (e.getSQLState() == null ? "" : e.getSQLState()) {
            case "42501" -> Optional.of(ReaderRefusal.NO_RIGHT);
            case "42710" -> Optional.of(ReaderRefusal.NAME_TAKEN);
            default -> Optional.empty();
        };
    }

    @Override
    public String readerRightsFix() {
        return "connect as a role with CREATEROLE that owns the dataset's schema (or a superuser), or hand the SQL"
                + " (Show SQL / --print-sql) to a DBA";
    }

    @Override
    public WriteAccess writeAccess(Connection connection, String user) throws SQLException {
        return PostgresWriteAccess.check(connection);
    }

    @Override
    public Optional<SuiteAreas> suiteAreas() {
        return Optional.of(new PostgresSuiteAreas());
    }

    @Override
    public Optional<String> wrongSchemeHint(String scheme) {
        return scheme.equals("postgres") ? Optional.of("the PostgreSQL scheme is jdbc:postgresql://") : Optional.empty();
    }
}
