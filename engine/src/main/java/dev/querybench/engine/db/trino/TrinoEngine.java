package dev.querybench.engine.db.trino;

import dev.querybench.engine.db.WriteAccess;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SqlSyntax;
import dev.querybench.engine.db.SqlSyntax.Feature;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trino clusters, registered as a {@link DatabaseEngine} service. */
public final class TrinoEngine implements DatabaseEngine {

    /** The dialect of this engine: its names, URL form and how its SQL text reads. */
    public static final Dialect DIALECT = new Dialect("Trino", "trino", 8080, List.of("trino"), true,
            SqlSyntax.of(Feature.UNICODE_STRINGS, Feature.NAMED_PARAMETERS, Feature.DOLLAR_IN_NAMES));

    /** The URL options the JDBC driver understands, to catch typos before connecting. */
    private static final Set<String> DRIVER_OPTIONS = Set.of("user", "password", "socksProxy", "httpProxy",
            "applicationNamePrefix", "disableCompression", "assumeLiteralNamesInMetadataCallsForNonConformingClients",
            "assumeLiteralUnderscoreInMetadataCallsForNonConformingClients", "SSL", "SSLVerification",
            "SSLKeyStorePath", "SSLKeyStorePassword", "SSLKeyStoreType", "SSLTrustStorePath", "SSLTrustStorePassword",
            "SSLTrustStoreType", "SSLUseSystemTrustStore", "hostnameInCertificate", "KerberosRemoteServiceName",
            "KerberosPrincipal", "KerberosUseCanonicalHostname", "KerberosServicePrincipalPattern",
            "KerberosConfigPath", "KerberosKeytabPath", "KerberosCredentialCachePath", "KerberosDelegation",
            "accessToken", "externalAuthentication", "externalAuthenticationTimeout", "externalAuthenticationTokenCache",
            "extraCredentials", "roles", "sessionProperties", "source", "clientInfo", "clientTags", "traceToken",
            "timezone", "explicitPrepare", "encoding", "sessionUser", "validateConnection", "timeout",
            "legacyPreparedStatements", "path", "resourceEstimates", "dnsResolver", "dnsResolverContext", "locale");

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return new TrinoBackend(profile, errors);
    }

    @Override
    public Set<String> driverOptions() {
        return DRIVER_OPTIONS;
    }

    @Override
    public void checkOptions(Map<String, String> options, Duration timeout) {
        // the Trino driver's timeouts are its defaults; the check's deadline bounds the wait
    }

    @Override
    public String tlsFix() {
        return "use SSL=true for an HTTPS coordinator and SSL=false (the default) for plain HTTP";
    }

    @Override
    public String promptHints() {
        return """
                    - Date literals need the DATE keyword (DATE '2024-03-17'); use year(col), date_trunc().
                    - Double quotes quote identifiers; integer division truncates.""";
    }

    @Override
    public String serverName(String productVersion) {
        return "Trino " + productVersion;
    }

    @Override
    public boolean createsReaders() {
        return false;
    }

    @Override
    public DatabaseErrors.Kind errorKind(String state, int code, String text) {
        if (text.contains("authentication failed") || text.contains("401") && text.contains("unauthorized")) {
            return DatabaseErrors.Kind.AUTHENTICATION;
        }
        if (text.contains("access denied")) {
            return DatabaseErrors.Kind.PERMISSION;
        }
        if (text.contains("exceeded maximum time limit") || text.contains("exceeded the maximum execution time")
                || text.contains("query was canceled") || text.contains("exceeded_time_limit")
                || text.contains("user_canceled") || text.contains("query was cancelled")) {
            return DatabaseErrors.Kind.TIMEOUT;
        }
        if ((text.contains("catalog") && (text.contains("not found") || text.contains("does not exist")))
                || (text.contains("schema") && text.contains("does not exist") && !text.contains("table"))) {
            return DatabaseErrors.Kind.UNKNOWN_DATABASE;
        }
        if (text.contains("mismatched input") || text.contains("extraneous input") || text.contains("syntax error")
                || text.contains("no viable alternative")) {
            return DatabaseErrors.Kind.SYNTAX;
        }
        if (text.contains("cannot be resolved") || text.contains("does not exist") || text.contains("not registered")
                || text.contains("table") && text.contains("not found")) {
            return DatabaseErrors.Kind.UNKNOWN_OBJECT;
        }
        if (text.contains("division by zero") || text.contains("cannot cast") || text.contains("type_mismatch")
                || text.contains("cannot apply operator")) {
            return DatabaseErrors.Kind.DATA;
        }
        if (text.contains("failed to connect") || text.contains("error executing query") && text.contains("connect")) {
            return DatabaseErrors.Kind.UNREACHABLE;
        }
        return null;
    }

    /** Trino's memory catalog forgets schemas when the server restarts; the URL's schema is made on demand. */
    @Override
    public void createSchemaIfMissing(Connection connection) throws SQLException {
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        if (catalog == null || schema == null) {
            return;
        }
        try (ResultSet rs = connection.getMetaData().getSchemas(catalog, schema)) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + catalog.replace("\"", "\"\"") + "\".\""
                    + schema.replace("\"", "\"\"") + "\"");
        }
    }

    /** Trino plans each INSERT as a distributed query (about a second each): rows go in fewer, larger ones. */
    @Override
    public int rowsPerInsert() {
        return 1_000;
    }

    @Override
    public String columnType(String portable) {
        return portable.equals("TIMESTAMP") ? "TIMESTAMP(0)" : portable.replace("NUMERIC", "DECIMAL");
    }

    /** Trino's connectors take no primary or foreign keys. */
    @Override
    public boolean declaresKeys() {
        return false;
    }

    @Override
    public boolean castsLiterals() {
        return true;
    }

    @Override
    public String tableCatalog(Connection connection) throws SQLException {
        return connection.getCatalog();
    }

    @Override
    public String tableSchema(Connection connection) throws SQLException {
        return connection.getSchema();
    }

    @Override
    public String manualReaderSetup(ConnectionUrl url, String reader) {
        String catalog = url.database() == null ? ".*" : url.database();
        return String.join("\n",
                "# Trino's users and their rights live in the coordinator's configuration, not in SQL.",
                "# etc/access-control.properties:",
                "access-control.name=file",
                "security.config-file=etc/rules.json",
                "# etc/rules.json (the first matching rule wins; keep writers' rules above this one):",
                "{\"catalogs\": [",
                "  {\"user\": \"" + reader + "\", \"catalog\": \"" + catalog + "\", \"allow\": \"read-only\"}",
                "]}",
                "# Then use username: " + reader + " in the profile; 'querybench validate db' checks that it"
                        + " cannot write.");
    }

    @Override
    public String manualReaderFix() {
        return "add the access-control rule (Show SQL) to the coordinator's configuration";
    }

    @Override
    public WriteAccess writeAccess(Connection connection, String user) throws SQLException {
        return TrinoWriteAccess.check(connection, user);
    }
}
