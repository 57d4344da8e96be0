package dev.querybench.engine.db.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the HikariCP configuration shared by the server backends. Stateless. */
public final class ProfileConfig {

    private ProfileConfig() {}

    /**
     * A pool for the profile, with the given driver options added where the URL does not set them
     * and {@code forced} options overriding the URL.
     */
    public static HikariConfig hikari(ConnectionProfile profile, Map<String, String> defaults,
            Map<String, String> forced) {
        ConnectionUrl url = profile.url();
        Map<String, String> options = new LinkedHashMap<>(defaults);
        options.putAll(url.options());
        options.putAll(forced);
        String user = profile.username() != null ? profile.username() : options.get("user");
        String password = profile.password() != null ? profile.password() : options.get("password");
        options.remove("user");
        options.remove("password");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.withOptions(options).toJdbcUrl());
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("querybench-" + profile.dialect().id() + "-" + profile.name());
        config.setMaximumPoolSize(profile.pool().maximumSize());
        // One connection stays open, for every server backend alike: the pool's start opens it to check the
        // server, and with a minimum of 0 the pool closed it again, so the first query waited for a second
        // log-in (a score over sql-eval's 11 databases: 11 log-ins fewer, 1.8-1.85 s instead of 2.0-2.1 s,
        // BENCHMARKS.md). That reason is not PostgreSQL's session reuse (which only adds that the kept
        // connection keeps its set session): MySQL/MariaDB pays a log-in per connection too, and a Trino
        // connection is a client without a server session, so keeping one costs Trino nothing. An idle
        // connection is retired by HikariCP's maxLifetime (30 min). Should the server drop it sooner (MySQL's
        // wait_timeout, 8 h by default, or a PostgreSQL idle_session_timeout set shorter), the pool validates
        // a connection before handing it out (one idle for more than half a second, within the validation
        // timeout below) and opens a new one in place of a dead one, so no query is given a dropped connection.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(profile.pool().connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(5_000, profile.pool().connectTimeout().toMillis()));
        return config;
    }

    /** Where the profile points, for messages: {@code host:port/database}. */
    public static String target(ConnectionProfile profile) {
        ConnectionUrl url = profile.url();
        return profile.dialect().displayName() + " at " + url.host() + ":" + url.portNumber().map(String::valueOf)
                .orElse(String.valueOf(url.port())) + (url.database() == null ? "" : "/" + url.database())
                + (url.schema() == null ? "" : "/" + url.schema());
    }

    /** Refuses a profile for another engine (a programming error in the caller). */
    public static void requireDialect(ConnectionProfile profile, Dialect dialect) {
        if (profile.dialect() != dialect) {
            throw new IllegalArgumentException("a " + profile.dialect() + " profile given to the " + dialect + " backend");
        }
    }

    /** Refuses a driver option that would weaken the read-only session. */
    public static void refuseOption(ConnectionProfile profile, String option, String unsafeValue, String why) {
        profile.url().options().forEach((key, value) -> {
            if (key.equalsIgnoreCase(option) && value.equalsIgnoreCase(unsafeValue)) {
                throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                        "the connection URL of profile '" + profile.name() + "' sets " + option + "=" + value + ", "
                                + why, "remove " + option + " from the URL"));
            }
        });
    }
}
