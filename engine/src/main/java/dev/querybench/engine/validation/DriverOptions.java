package dev.querybench.engine.validation;

import dev.querybench.engine.db.Dialect;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The URL options each JDBC driver QueryBench uses understands, to catch typos before connecting. */
final class DriverOptions {

    private static final Set<String> POSTGRESQL = Set.of("user", "password", "ApplicationName", "assumeMinServerVersion",
            "autosave", "binaryTransfer", "cancelSignalTimeout", "channelBinding", "cleanupSavepoints", "connectTimeout",
            "currentSchema", "defaultRowFetchSize", "escapeSyntaxCallMode", "gssEncMode", "gsslib", "hostRecheckSeconds",
            "jaasApplicationName", "kerberosServerName", "loadBalanceHosts", "localSocketAddress", "loggerLevel",
            "loginTimeout", "logUnclosedConnections", "maxResultBuffer", "options", "preferQueryMode", "prepareThreshold",
            "quoteReturningIdentifiers", "readOnly", "readOnlyMode", "receiveBufferSize", "reWriteBatchedInserts",
            "sendBufferSize", "socketFactory", "socketTimeout", "ssl", "sslcert", "sslfactory", "sslhostnameverifier",
            "sslkey", "sslmode", "sslnegotiation", "sslpassword", "sslrootcert", "sspiServiceClass", "stringtype",
            "targetServerType", "tcpKeepAlive", "tcpNoDelay", "unknownLength", "adaptiveFetch", "groupStartupParameters");
    private static final Set<String> MYSQL = Set.of("user", "password", "useSSL", "sslMode", "requireSSL",
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
    private static final Set<String> TRINO = Set.of("user", "password", "socksProxy", "httpProxy",
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
    private static final Set<String> SQLITE = Set.of("open_mode", "journal_mode", "synchronous", "busy_timeout",
            "foreign_keys", "date_class", "date_precision", "date_string_format", "transaction_mode", "shared_cache",
            "cache_size", "mmap_size", "mode", "cache", "immutable", "jdbc.explicit_readonly", "query_only",
            "recursive_triggers", "case_sensitive_like", "temp_store", "page_size", "limit_attached");

    private DriverOptions() {}

    static Set<String> known(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> POSTGRESQL;
            case MYSQL -> MYSQL;
            case TRINO -> TRINO;
            case SQLITE -> SQLITE;
        };
    }

    static boolean isKnown(Dialect dialect, String option) {
        return known(dialect).stream().anyMatch(k -> k.equalsIgnoreCase(option));
    }

    /** The known option closest to a misspelt one, when one is close. */
    static Optional<String> closest(Dialect dialect, String option) {
        record Candidate(String name, int distance) {}
        String lower = option.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, option.length() / 3));
        return known(dialect).stream()
                .map(k -> new Candidate(k, distance(lower, k.toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance() <= allowed)
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::name);
    }

    static List<String> sample(Dialect dialect) {
        return known(dialect).stream().sorted(String.CASE_INSENSITIVE_ORDER).limit(12).toList();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
