package dev.querybench.engine.db;

import java.util.Objects;

/**
 * How to reach one database. The password is held in memory only and never printed.
 *
 * @param name profile name
 * @param dialect the engine
 * @param jdbcUrl JDBC URL
 * @param username account, or null
 * @param password password, or null
 */
public record ConnectionProfile(String name, Dialect dialect, String jdbcUrl, String username, String password) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + name + ", " + dialect + ", " + jdbcUrl + ", user=" + username
                + (password == null ? "" : ", password=****") + "]";
    }
}
