package dev.querybench.engine.db;

import java.util.Objects;

/**
 * How to reach one database. Immutable; the password is held in memory only and never printed.
 *
 * @param name profile name
 * @param dialect the engine
 * @param jdbcUrl JDBC URL, without credentials
 * @param username account, or null (SQLite has none; Trino needs one)
 * @param password password, or null
 * @param pool pool size and connect timeout
 */
public record ConnectionProfile(
        String name, Dialect dialect, String jdbcUrl, String username, String password, PoolSettings pool) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        pool = pool == null ? PoolSettings.DEFAULTS : pool;
    }

    public ConnectionProfile(String name, Dialect dialect, String jdbcUrl, String username, String password) {
        this(name, dialect, jdbcUrl, username, password, PoolSettings.DEFAULTS);
    }

    /** The same profile with other pool settings. */
    public ConnectionProfile withPool(PoolSettings settings) {
        return new ConnectionProfile(name, dialect, jdbcUrl, username, password, settings);
    }

    /** The same profile for another account, such as a read-only one. */
    public ConnectionProfile withCredentials(String user, String secret) {
        return new ConnectionProfile(name, dialect, jdbcUrl, user, secret, pool);
    }

    /** The parsed URL. */
    public ConnectionUrl url() {
        return ConnectionUrl.parse(jdbcUrl);
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + name + ", " + dialect + ", " + jdbcUrl + ", user=" + username
                + (password == null ? "" : ", password=****") + "]";
    }
}
