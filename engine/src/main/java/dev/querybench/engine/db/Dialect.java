package dev.querybench.engine.db;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An SQL dialect QueryBench evaluates against: how it is named and reached, and how its SQL text
 * reads ({@link SqlSyntax}). Each vendor package makes its own (its {@link DatabaseEngine#dialect()});
 * no other code names a vendor's dialect. The dialects known are those of the registered engines
 * ({@link DatabaseBackends#all()}). Immutable and thread-safe; equal when their ids are equal.
 */
public final class Dialect {

    private final String displayName;
    private final String jdbcSubprotocol;
    private final int defaultPort;
    private final List<String> names;
    private final boolean schemaInUrl;
    private final SqlSyntax syntax;

    /**
     * @param displayName as users know it ("PostgreSQL")
     * @param jdbcSubprotocol the part after {@code jdbc:} in its URLs
     * @param defaultPort the server's usual port; 0 for an engine that opens local files
     * @param names the names users write, the id (used in workspace files and stores) first
     * @param schemaInUrl whether its URLs and profiles name a catalog and a schema (Trino) rather
     *     than one database
     * @param syntax how its SQL text reads
     */
    public Dialect(String displayName, String jdbcSubprotocol, int defaultPort, List<String> names,
            boolean schemaInUrl, SqlSyntax syntax) {
        this.displayName = Objects.requireNonNull(displayName);
        this.jdbcSubprotocol = Objects.requireNonNull(jdbcSubprotocol);
        this.defaultPort = defaultPort;
        this.names = List.copyOf(names);
        this.schemaInUrl = schemaInUrl;
        this.syntax = Objects.requireNonNull(syntax);
        if (this.names.isEmpty()) {
            throw new IllegalArgumentException("a dialect needs a name");
        }
    }

    public String displayName() {
        return displayName;
    }

    /** The part after {@code jdbc:} in this dialect's URLs, such as {@code postgresql}. */
    public String jdbcSubprotocol() {
        return jdbcSubprotocol;
    }

    /** The server's usual port; 0 for a file engine (SQLite), which has none. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The name used in workspace files and dataset overrides ({@code postgresql}, {@code mysql} …). */
    public String id() {
        return names.getFirst();
    }

    /** Whether this dialect talks to a server (host and port) rather than a local file. */
    public boolean isServer() {
        return defaultPort != 0;
    }

    /** Whether its URLs and profiles name a catalog (as the database) and a schema, as Trino's do. */
    public boolean schemaInUrl() {
        return schemaInUrl;
    }

    /** How its SQL text reads: comments, quotes, parameters. */
    public SqlSyntax syntax() {
        return syntax;
    }

    /** The registered engine of this dialect. */
    public DatabaseEngine engine() {
        return DatabaseBackends.engine(this);
    }

    /** Whether users may call the dialect by this name (case and surrounding space ignored). */
    public boolean isNamed(String name) {
        return name != null && names.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /** Finds a registered dialect by a name users write: {@code postgres}, {@code pg}, {@code mariadb} and the like. */
    public static Optional<Dialect> fromName(String name) {
        return all().stream().filter(d -> d.isNamed(name)).findFirst();
    }

    /** The dialect of a name users write, for code and tests that know the name is registered. */
    public static Dialect named(String name) {
        return fromName(name).orElseThrow(() -> new IllegalArgumentException("no database engine is registered as '"
                + name + "'; known: " + knownNames()));
    }

    /** Every registered dialect, in registration order. */
    public static List<Dialect> all() {
        return DatabaseBackends.all().stream().map(DatabaseEngine::dialect).toList();
    }

    /** Every accepted name, for messages. */
    public static List<String> knownNames() {
        return all().stream().map(Dialect::id).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dialect other && other.id().equals(id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    /** The id in capitals ({@code POSTGRESQL}), as the dialect has always printed. */
    @Override
    public String toString() {
        return id().toUpperCase(Locale.ROOT);
    }
}
