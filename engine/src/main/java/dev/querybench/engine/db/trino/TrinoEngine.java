package dev.querybench.engine.db.trino;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Trino clusters, registered as a {@link DatabaseEngine} service. */
public final class TrinoEngine implements DatabaseEngine {

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
        return Dialect.TRINO;
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
}
