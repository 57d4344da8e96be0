package dev.querybench.engine.db;

/** The SQL dialects QueryBench evaluates against. */
public enum Dialect {
    SQLITE("SQLite"),
    POSTGRESQL("PostgreSQL"),
    MYSQL("MySQL"),
    TRINO("Trino");

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
