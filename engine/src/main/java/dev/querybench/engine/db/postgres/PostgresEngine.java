package dev.querybench.engine.db.postgres;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** PostgreSQL servers, registered as a {@link DatabaseEngine} service. */
public final class PostgresEngine implements DatabaseEngine {

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
        return Dialect.POSTGRESQL;
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
}
