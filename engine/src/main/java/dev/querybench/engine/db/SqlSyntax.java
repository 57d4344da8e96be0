package dev.querybench.engine.db;

import java.util.EnumSet;
import java.util.Set;

/**
 * How one engine reads SQL text where engines differ: which comments, quotes and parameters it
 * knows. {@link SqlLexer} follows it; each vendor package states its engine's syntax when it makes
 * its {@link Dialect}. Immutable and thread-safe.
 *
 * @param features what the engine reads beyond the common core ({@code --} and flat block comments,
 *     {@code '…'} strings with doubled quotes, {@code "…"} names, {@code ?} parameters)
 */
public record SqlSyntax(Set<Feature> features) {

    /** One way an engine's SQL text departs from the common core. */
    public enum Feature {
        /** {@code #} starts a comment to the end of the line (MySQL). */
        HASH_COMMENTS,
        /** {@code --} starts a comment only when a space or control character follows (MySQL). */
        DASH_COMMENTS_NEED_SPACE,
        /** {@code /*!} and {@code /*M!} comments are executed, so they stay as tokens (MySQL). */
        EXECUTABLE_COMMENTS,
        /** Block comments nest (PostgreSQL). */
        NESTED_COMMENTS,
        /** An unclosed block comment runs to the end of the text instead of being an error (SQLite). */
        UNCLOSED_COMMENTS_END_TEXT,
        /** A backslash escapes the next character in plain strings (MySQL). */
        BACKSLASH_ESCAPES,
        /** {@code "…"} is a string, not a name (MySQL). */
        DOUBLE_QUOTED_STRINGS,
        /** {@code `…`} is a name (MySQL, SQLite). */
        BACKTICK_NAMES,
        /** {@code […]} is a name (SQLite). */
        BRACKET_NAMES,
        /** Names are quoted with backticks when QueryBench writes them (MySQL); otherwise double quotes. */
        BACKTICK_QUOTING,
        /** {@code $$…$$} and {@code $tag$…$tag$} strings and {@code $1} parameters (PostgreSQL). */
        DOLLAR_QUOTES,
        /** {@code :name}, {@code @name} and {@code $name} are parameters (SQLite, MySQL, Trino). */
        NAMED_PARAMETERS,
        /** {@code @@name} is a system variable (MySQL). */
        SYSTEM_VARIABLES,
        /** {@code E'…'} strings with backslash escapes (PostgreSQL). */
        ESCAPE_STRINGS,
        /** {@code U&'…'} strings with Unicode escapes (PostgreSQL, Trino). */
        UNICODE_STRINGS,
        /** {@code U&"…"} names with Unicode escapes (PostgreSQL). */
        UNICODE_NAMES,
        /** {@code $} may be part of a name (all but SQLite). */
        DOLLAR_IN_NAMES
    }

    public SqlSyntax {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    /** The syntax with these features. */
    public static SqlSyntax of(Feature... features) {
        return new SqlSyntax(Set.of(features));
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    /** The name quoted the way this engine reads it, with the quote character doubled inside. */
    public String quote(String identifier) {
        char q = has(Feature.BACKTICK_QUOTING) ? '`' : '"';
        String doubled = String.valueOf(q) + q;
        return q + identifier.replace(String.valueOf(q), doubled) + q;
    }
}
