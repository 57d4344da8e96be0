package dev.querybench.engine.db.mysql;

import dev.querybench.engine.db.SuiteAreas;
import dev.querybench.engine.db.WriteAccess;
import java.util.Optional;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.ReaderRefusal;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SqlSyntax;
import dev.querybench.engine.db.SqlSyntax.Feature;
import dev.querybench.engine.db.ServerVersions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MySQL and MariaDB servers, registered as a {@link DatabaseEngine} service. */
public final class MysqlEngine implements DatabaseEngine {

    /** MySQL/MariaDB error codes by what they mean. */
    private static final Set<Integer> PERMISSION = Set.of(1044, 1142, 1143, 1227, 1290, 1792, 1370, 1045);
    private static final Set<Integer> UNKNOWN_OBJECT = Set.of(1146, 1054, 1305, 1109, 1051, 1630);
    private static final Set<Integer> TIMEOUT = Set.of(1317, 3024, 1969);

    /** The dialect of this engine: its names, URL form and how its SQL text reads. */
    public static final Dialect DIALECT = new Dialect("MySQL", "mysql", 3306, List.of("mysql", "mariadb"), false,
            SqlSyntax.of(Feature.HASH_COMMENTS, Feature.DASH_COMMENTS_NEED_SPACE, Feature.EXECUTABLE_COMMENTS,
                    Feature.BACKSLASH_ESCAPES, Feature.DOUBLE_QUOTED_STRINGS, Feature.BACKTICK_NAMES,
                    Feature.BACKTICK_QUOTING, Feature.NAMED_PARAMETERS, Feature.SYSTEM_VARIABLES, Feature.DOLLAR_IN_NAMES));

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
        return DIALECT;
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

    @Override
    public DatabaseErrors.Kind errorKind(String state, int code, String text) {
        if (code == 1045 || text.contains("access denied for user") && text.contains("using password")) {
            return DatabaseErrors.Kind.AUTHENTICATION;
        }
        if (code == 1049 || text.contains("unknown database")) {
            return DatabaseErrors.Kind.UNKNOWN_DATABASE;
        }
        if (TIMEOUT.contains(code) || "70100".equals(state) || text.contains("max_statement_time exceeded")
                || text.contains("maximum statement execution time exceeded")) {
            return DatabaseErrors.Kind.TIMEOUT;
        }
        if (PERMISSION.contains(code) || "25006".equals(state) || text.contains("read only transaction")) {
            return DatabaseErrors.Kind.PERMISSION;
        }
        if (code == 1064 || code == 1149 || text.contains("you have an error in your sql syntax")) {
            return DatabaseErrors.Kind.SYNTAX;
        }
        if (UNKNOWN_OBJECT.contains(code) || "42S02".equals(state) || "42S22".equals(state)) {
            return DatabaseErrors.Kind.UNKNOWN_OBJECT;
        }
        if (text.contains("communications link failure")) {
            return DatabaseErrors.Kind.UNREACHABLE;
        }
        return null;
    }

    @Override
    public String columnType(String portable) {
        return portable.startsWith("TIMESTAMP") ? portable.replace("TIMESTAMP", "DATETIME") : portable;
    }

    @Override
    public List<String> beforeBulkLoad() {
        return List.of("SET FOREIGN_KEY_CHECKS = 0");
    }

    @Override
    public List<String> afterBulkLoad() {
        return List.of("SET FOREIGN_KEY_CHECKS = 1");
    }

    @Override
    public String tableCatalog(Connection connection) throws SQLException {
        return connection.getCatalog();
    }

    @Override
    public List<String> readerStatements(ConnectionUrl url, String reader, String hostPattern, List<String> schemas,
            String password) {
        if (url.database() == null) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "the MySQL profile names no database", "name the dataset's database in the profile"));
        }
        String account = "'" + reader + "'@'" + hostPattern.replace("'", "''") + "'";
        return List.of("CREATE USER " + account + " IDENTIFIED BY '" + password.replace("\\", "\\\\").replace("'", "''")
                        + "'",
                "GRANT SELECT, SHOW VIEW ON `" + url.database().replace("`", "``") + "`.* TO " + account);
    }

    @Override
    public Optional<ReaderRefusal> readerRefusal(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1227, 1044, 1142, 1410 -> Optional.of(ReaderRefusal.NO_RIGHT);
            case 1396 -> Optional.of(ReaderRefusal.NAME_TAKEN);
            default -> Optional.empty();
        };
    }

    @Override
    public String readerRightsFix() {
        return "connect as an account with CREATE USER and GRANT OPTION on the database (such as root), or hand the"
                + " SQL (Show SQL / --print-sql) to a DBA";
    }

    @Override
    public WriteAccess writeAccess(Connection connection, String user) throws SQLException {
        return MysqlWriteAccess.check(connection);
    }

    @Override
    public Optional<SuiteAreas> suiteAreas() {
        return Optional.of(new MysqlSuiteAreas());
    }

    @Override
    public List<String> products() {
        return List.of("mysql", "mariadb");
    }

    @Override
    public Optional<String> wrongSchemeHint(String scheme) {
        return scheme.equals("mariadb") ? Optional.of("QueryBench reaches MariaDB through MySQL Connector/J; write"
                + " jdbc:mysql://HOST:3306/DATABASE") : Optional.empty();
    }
}
