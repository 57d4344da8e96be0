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
 * @param readerRole PostgreSQL: a role (usually NOLOGIN, holding only USAGE/SELECT on the dataset's
 *     schemas) that each pooled connection switches to with {@code SET ROLE} before its first untrusted query; null for none
 * @param allowPrivilegedAccount whether untrusted SQL may run under an account that holds more than
 *     read privileges (superuser, FILE, SUPER, write grants …); off by default, and every run and
 *     report says so when it is on
 */
public record ConnectionProfile(
        String name, Dialect dialect, String jdbcUrl, String username, String password, PoolSettings pool,
        String readerRole, boolean allowPrivilegedAccount) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        pool = pool == null ? PoolSettings.DEFAULTS : pool;
        readerRole = readerRole == null || readerRole.isBlank() ? null : readerRole.strip();
    }

    public ConnectionProfile(String name, Dialect dialect, String jdbcUrl, String username, String password,
            PoolSettings pool) {
        this(name, dialect, jdbcUrl, username, password, pool, null, false);
    }

    public ConnectionProfile(String name, Dialect dialect, String jdbcUrl, String username, String password) {
        this(name, dialect, jdbcUrl, username, password, PoolSettings.DEFAULTS);
    }

    /** The same profile with other pool settings. */
    public ConnectionProfile withPool(PoolSettings settings) {
        return new ConnectionProfile(name, dialect, jdbcUrl, username, password, settings, readerRole,
                allowPrivilegedAccount);
    }

    /** The same profile for another account, such as a read-only one. */
    public ConnectionProfile withCredentials(String user, String secret) {
        return new ConnectionProfile(name, dialect, jdbcUrl, user, secret, pool, readerRole, allowPrivilegedAccount);
    }

    /** The same profile switching untrusted queries to this PostgreSQL role (null for none). */
    public ConnectionProfile withReaderRole(String role) {
        return new ConnectionProfile(name, dialect, jdbcUrl, username, password, pool, role, allowPrivilegedAccount);
    }

    /** The same profile, allowing (or not) untrusted SQL under a privileged account. */
    public ConnectionProfile withPrivilegedAccountAllowed(boolean allowed) {
        return new ConnectionProfile(name, dialect, jdbcUrl, username, password, pool, readerRole, allowed);
    }

    /** The parsed URL. */
    public ConnectionUrl url() {
        return ConnectionUrl.parse(jdbcUrl);
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + name + ", " + dialect + ", " + jdbcUrl + ", user=" + username
                + (password == null ? "" : ", password=****") + (readerRole == null ? "" : ", readerRole=" + readerRole)
                + (allowPrivilegedAccount ? ", allowPrivilegedAccount" : "") + "]";
    }
}
