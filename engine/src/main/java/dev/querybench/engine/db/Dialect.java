package dev.querybench.engine.db;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The SQL dialects QueryBench evaluates against, with how each is named and reached. */
public enum Dialect {
    SQLITE("SQLite", "sqlite", 0, List.of("sqlite", "sqlite3")),
    POSTGRESQL("PostgreSQL", "postgresql", 5432, List.of("postgresql", "postgres", "pg")),
    MYSQL("MySQL", "mysql", 3306, List.of("mysql", "mariadb")),
    TRINO("Trino", "trino", 8080, List.of("trino"));

    private final String displayName;
    private final String jdbcSubprotocol;
    private final int defaultPort;
    private final List<String> names;

    Dialect(String displayName, String jdbcSubprotocol, int defaultPort, List<String> names) {
        this.displayName = displayName;
        this.jdbcSubprotocol = jdbcSubprotocol;
        this.defaultPort = defaultPort;
        this.names = names;
    }

    public String displayName() {
        return displayName;
    }

    /** The part after {@code jdbc:} in this dialect's URLs, such as {@code postgresql}. */
    public String jdbcSubprotocol() {
        return jdbcSubprotocol;
    }

    /** The server's usual port; 0 for SQLite, which has none. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The name used in workspace files and dataset overrides ({@code postgresql}, {@code mysql} …). */
    public String id() {
        return names.getFirst();
    }

    /** Whether this dialect talks to a server (host and port) rather than a local file. */
    public boolean isServer() {
        return this != SQLITE;
    }

    /** Finds a dialect by a name users write: {@code postgres}, {@code pg}, {@code mariadb} and the like. */
    public static Optional<Dialect> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.names.contains(wanted)).findFirst();
    }

    /** Every accepted name, for messages. */
    public static List<String> knownNames() {
        return Arrays.stream(values()).map(Dialect::id).toList();
    }
}
