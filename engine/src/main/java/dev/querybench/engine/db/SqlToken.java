package dev.querybench.engine.db;

import java.util.Locale;

/**
 * One token of SQL text as the engine reads it. Immutable.
 *
 * @param kind what the token is
 * @param start index of its first character in the text
 * @param end index after its last character
 * @param value for words, the text; for quoted identifiers, the name with quotes and escapes
 *     resolved (Unicode escapes included); for strings, the text between the quotes as written;
 *     for symbols, the symbol
 */
public record SqlToken(Kind kind, int start, int end, String value) {

    /** Kinds of tokens. Comments are not tokens, except MySQL's executable ones. */
    public enum Kind {
        /** A keyword or an unquoted identifier. */
        WORD,
        /** A quoted identifier: {@code "x"}, {@code `x`}, {@code [x]}, {@code U&"x"}. */
        QUOTED_IDENTIFIER,
        /** A string, bit-string, hex or dollar-quoted literal. */
        STRING,
        /** A number. */
        NUMBER,
        /** A bind parameter or variable ({@code $1}, {@code ?}, {@code :name}, {@code @x}). */
        PARAMETER,
        /** A semicolon. */
        SEMICOLON,
        /** Any other symbol or operator character. */
        SYMBOL,
        /** A MySQL/MariaDB comment whose text the server runs ({@code /*! … *}{@code /}, {@code /*M! … *}{@code /}). */
        EXECUTABLE_COMMENT
    }

    /** Whether this is the unquoted word {@code keyword}, in any case. */
    public boolean isWord(String keyword) {
        return kind == Kind.WORD && value.equalsIgnoreCase(keyword);
    }

    /** Whether this is the symbol {@code symbol}. */
    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && value.equals(symbol);
    }

    /** Whether this names something: a word or a quoted identifier. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** The name as the engine would look it up, lower-cased for comparing. */
    public String lowerName() {
        return value.toLowerCase(Locale.ROOT);
    }
}
