package dev.querybench.engine.db.mysql;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.ServerVersions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** MySQL and MariaDB servers, registered as a {@link DatabaseEngine} service. */
public final class MysqlEngine implements DatabaseEngine {

    /** The URL options the JDBC driver understands, to catch typos before connecting. */
    private static final Set<String> DRIVER_OPTIONS = Set.of("user", "password", "useSSL", "sslMode", "requireSSL",
            "verifyServerCertificate", "trustCertificateKeyStoreUrl", "trustCertificateKeyStorePassword",
            "trustCertificateKeyStoreType", "clientCertificateKeyStoreUrl", "clientCertificateKeyStorePassword",
            "clientCertificateKeyStoreType", "enabledTLSProtocols", "tlsVersions", "connectTimeout", "socketTimeout",
            "serverTimezone", "connectionTimeZone", "forceConnectionTimeZoneToSession", "characterEncoding", "useUnicode",
            "allowPublicKeyRetrieval", "allowMultiQueries", "zeroDateTimeBehavior", "useCursorFetch", "defaultFetchSize",
            "tcpKeepAlive", "useCompression", "sessionVariables", "allowLoadLocalInfile", "allowUrlInLocalInfile",
            "connectionAttributes", "autoReconnect", "rewriteBatchedStatements", "useServerPrepStmts", "cachePrepStmts",
            "permitMysqlScheme", "databaseTerm", "nullDatabaseMeansCurrent", "useInformationSchema",
            "serverRSAPublicKeyFile", "defaultAuthenticationPlugin", "authenticationPlugins", "maxAllowedPacket",
            "tinyInt1isBit", "transformedBitIsBoolean", "yearIsDateType", "useLocalSessionState",
            "readOnlyPropagatesToServer", "jdbcCompliantTruncation", "useAffectedRows", "paranoid", "logger",
            "profileSQL", "maxRows", "preserveInstants", "connectionCollation");

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return new MysqlBackend(profile, errors);
    }

    @Override
    public Set<String> driverOptions() {
        return DRIVER_OPTIONS;
    }

    @Override
    public void checkOptions(Map<String, String> options, Duration timeout) {
        options.putIfAbsent("connectTimeout", String.valueOf(timeout.toMillis()));
        options.putIfAbsent("socketTimeout", String.valueOf(timeout.toMillis() + 5_000));
    }

    @Override
    public String tlsFix() {
        return "set sslMode in the URL to what the server offers: sslMode=DISABLED or sslMode=REQUIRED";
    }

    @Override
    public String promptHints() {
        return """
                    - Use YEAR(col), DATE_FORMAT() and DATEDIFF() for dates; backticks quote identifiers.
                    - LIMIT n for top-N; INTERSECT and EXCEPT need MySQL 8.0.31 or later.""";
    }

    @Override
    public String serverName(String productVersion) {
        return ServerVersions.mysql(productVersion);
    }

    @Override
    public boolean createsReaders() {
        return true;
    }
}
