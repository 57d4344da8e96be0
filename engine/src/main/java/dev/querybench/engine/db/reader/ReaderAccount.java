package dev.querybench.engine.db.reader;

import dev.querybench.engine.config.ConfigException;
import java.util.List;

/**
 * The reader account to create: its name, and per engine what it may read.
 *
 * @param name the account's name: letters, digits and underscores, starting with a letter
 * @param schemas PostgreSQL: the schemas to grant reading on; empty for the profile's schema, or public
 * @param hostPattern MySQL/MariaDB: the host part of the account, such as {@code %}
 */
public record ReaderAccount(String name, List<String> schemas, String hostPattern) {

    /** The name {@code querybench db reader} and the wizard suggest. */
    public static final String DEFAULT_NAME = "querybench_reader";

    /** @throws ConfigException when the name is not a plain account name */
    public ReaderAccount {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new ConfigException("the reader's name '" + name + "' is not a plain account name",
                    "use letters, digits and underscores, starting with a letter (at most 63)", null);
        }
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        hostPattern = hostPattern == null || hostPattern.isBlank() ? "%" : hostPattern.strip();
    }

    /** A reader of the profile's schema (PostgreSQL) or from any host (MySQL/MariaDB). */
    public static ReaderAccount named(String name) {
        return new ReaderAccount(name, List.of(), "%");
    }
}
