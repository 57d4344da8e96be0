package dev.querybench.engine.db;

import java.util.ArrayList;
import java.util.List;
import dev.querybench.engine.db.SqlSyntax.Feature;
import java.util.Optional;

/**
 * Splits SQL text into tokens the way one engine reads it, so checks see code, not the insides of
 * strings, quoted names and comments, and see comments where — and only where — the engine does,
 * as its dialect's {@link SqlSyntax} says (stated in its vendor package). The built-in engines:
 *
 * <ul>
 *   <li>PostgreSQL: {@code --} and nested {@code /* … *}{@code /} comments; {@code '…'} with doubled
 *       quotes, {@code E'…'} with backslash escapes, {@code U&'…'} and {@code U&"…"} with Unicode
 *       escapes (and {@code UESCAPE}); {@code "…"} names; dollar quotes {@code $$…$$} and
 *       {@code $tag$…$tag$}; {@code $1} parameters;
 *   <li>MySQL/MariaDB: {@code #} comments, and {@code --} only when a space or control character
 *       follows (so {@code --1} is minus minus one); flat block comments, with {@code /*!} and
 *       {@code /*M!} executable comments kept as tokens; {@code '…'} and {@code "…"} strings with
 *       backslash escapes; {@code `…`} names;
 *   <li>SQLite: {@code --} and flat block comments (an unclosed one runs to the end);
 *       {@code "…"}, {@code `…`} and {@code […]} names; {@code ?NNN :name @name $name} parameters;
 *   <li>Trino: {@code --} and flat block comments; {@code "…"} names; {@code U&'…'} strings.
 * </ul>
 * Stateless.
 */
public final class SqlLexer {

    /**
     * The tokens of a text.
     *
     * @param tokens in order, comments left out (MySQL executable comments kept)
     * @param problem empty, or why the text does not end cleanly (an unclosed quote or comment),
     *     as the engine would see it
     */
    public record Lexed(List<SqlToken> tokens, Optional<String> problem) {
        public Lexed {
            tokens = List.copyOf(tokens);
        }
    }

    private final Dialect dialect;

    public SqlLexer(Dialect dialect) {
        this.dialect = dialect;
    }

    public Lexed lex(String sql) {
        return new Scan(sql, dialect).run();
    }

    /** One pass over one text. */
    private static final class Scan {
        private final String s;
        private final int n;
        private final SqlSyntax syntax;
        private final List<SqlToken> tokens = new ArrayList<>();
        private int i;

        Scan(String sql, Dialect dialect) {
            this.s = sql;
            this.n = sql.length();
            this.syntax = dialect.syntax();
        }

        private boolean has(Feature feature) {
            return syntax.has(feature);
        }

        Lexed run() {
            while (i < n) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                String problem = step(c);
                if (problem != null) {
                    return new Lexed(tokens, Optional.of(problem));
                }
            }
            return new Lexed(tokens, Optional.empty());
        }

        /** Reads one token or comment at {@code i}; returns a problem, or null. */
        private String step(char c) {
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            if (c == '-' && next == '-' && lineCommentStartsHere()) {
                skipLine();
                return null;
            }
            if (c == '#' && has(Feature.HASH_COMMENTS)) {
                skipLine();
                return null;
            }
            if (c == '/' && next == '*') {
                return blockComment();
            }
            if (c == '\'') {
                return string(i, i, has(Feature.BACKSLASH_ESCAPES));
            }
            if (c == '"') {
                return has(Feature.DOUBLE_QUOTED_STRINGS) ? string(i, i, true) : identifier(i, i, '"', false);
            }
            if (c == '`' && has(Feature.BACKTICK_NAMES)) {
                return identifier(i, i, '`', false);
            }
            if (c == '[' && has(Feature.BRACKET_NAMES)) {
                int close = s.indexOf(']', i + 1);
                if (close < 0) {
                    return "a [bracketed] name is not closed";
                }
                tokens.add(new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, i, close + 1, s.substring(i + 1, close)));
                i = close + 1;
                return null;
            }
            if (c == '$' && has(Feature.DOLLAR_QUOTES)) {
                return dollar();
            }
            if (c == ';') {
                tokens.add(new SqlToken(SqlToken.Kind.SEMICOLON, i, i + 1, ";"));
                i++;
                return null;
            }
            if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
                number();
                return null;
            }
            if (isWordStart(c)) {
                return word();
            }
            if (c == '?' || ((c == ':' || c == '@' || c == '$') && has(Feature.NAMED_PARAMETERS) && isWordPart(next))
                    || (c == '@' && next == '@' && has(Feature.SYSTEM_VARIABLES))) {
                int start = i++;
                while (i < n && (isWordPart(s.charAt(i)) || s.charAt(i) == '@')) {
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.PARAMETER, start, i, s.substring(start, i)));
                return null;
            }
            tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, i, i + 1, String.valueOf(c)));
            i++;
            return null;
        }

        /** MySQL needs whitespace or a control character after {@code --}; the others do not. */
        private boolean lineCommentStartsHere() {
            if (!has(Feature.DASH_COMMENTS_NEED_SPACE)) {
                return true;
            }
            return i + 2 >= n || s.charAt(i + 2) <= ' ';
        }

        private void skipLine() {
            while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                i++;
            }
        }

        private String blockComment() {
            int start = i;
            if (has(Feature.EXECUTABLE_COMMENTS) && (s.startsWith("/*!", i) || s.regionMatches(true, i, "/*M!", 0, 4))) {
                int close = s.indexOf("*/", i + 3);
                if (close < 0) {
                    return "an executable comment (/*! …) is not closed";
                }
                tokens.add(new SqlToken(SqlToken.Kind.EXECUTABLE_COMMENT, start, close + 2, s.substring(start, close + 2)));
                i = close + 2;
                return null;
            }
            if (has(Feature.NESTED_COMMENTS)) {
                int depth = 0;
                while (i < n - 1) {
                    if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                        depth++;
                        i += 2;
                    } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                        i += 2;
                        if (--depth == 0) {
                            return null;
                        }
                    } else {
                        i++;
                    }
                }
                i = n;
                return "a /* comment */ is not closed";
            }
            int close = s.indexOf("*/", i + 2);
            if (close < 0) {
                i = n;
                // SQLite ends an unclosed block comment at the end of the text; the others refuse it
                return has(Feature.UNCLOSED_COMMENTS_END_TEXT) ? null : "a /* comment */ is not closed";
            }
            i = close + 2;
            return null;
        }

        /**
         * A string whose opening quote is at {@code quote} (its token starts at {@code start}, before
         * any prefix).
         */
        private String string(int start, int quote, boolean backslashEscapes) {
            char q = s.charAt(quote);
            int j = quote + 1;
            while (j < n) {
                char c = s.charAt(j);
                if (backslashEscapes && c == '\\') {
                    j += 2;
                    continue;
                }
                if (c == q) {
                    if (j + 1 < n && s.charAt(j + 1) == q) {
                        j += 2;
                        continue;
                    }
                    tokens.add(new SqlToken(SqlToken.Kind.STRING, start, j + 1, s.substring(quote + 1, j)));
                    i = j + 1;
                    return null;
                }
                j++;
            }
            i = n;
            return "a quoted string is not closed";
        }

        /** A quoted name whose opening quote is at {@code quote}; {@code unicode} for PostgreSQL's U&"…". */
        private String identifier(int start, int quote, char q, boolean unicode) {
            StringBuilder name = new StringBuilder();
            int j = quote + 1;
            while (j < n) {
                char c = s.charAt(j);
                if (c == q) {
                    if (j + 1 < n && s.charAt(j + 1) == q) {
                        name.append(q);
                        j += 2;
                        continue;
                    }
                    i = j + 1;
                    String value = unicode ? decodeUnicode(name.toString(), uescape()) : name.toString();
                    tokens.add(new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, start, i, value));
                    return null;
                }
                name.append(c);
                j++;
            }
            i = n;
            return "a quoted name is not closed";
        }

        /** The escape character of a {@code UESCAPE 'c'} clause after a Unicode literal (consumed), or backslash. */
        private char uescape() {
            int j = i;
            while (j < n && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            if (s.regionMatches(true, j, "UESCAPE", 0, 7)) {
                int k = j + 7;
                while (k < n && Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
                if (k + 2 < n && s.charAt(k) == '\'' && s.charAt(k + 2) == '\'') {
                    i = k + 3;
                    return s.charAt(k + 1);
                }
            }
            return '\\';
        }

        private String dollar() {
            int start = i;
            if (i > 0 && isWordPart(s.charAt(i - 1))) {
                // inside an identifier such as a$b: the word reader handles it
                tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, i, i + 1, "$"));
                i++;
                return null;
            }
            int j = i + 1;
            if (j < n && Character.isDigit(s.charAt(j))) {
                while (j < n && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.PARAMETER, start, j, s.substring(start, j)));
                i = j;
                return null;
            }
            while (j < n && s.charAt(j) != '$' && isWordPart(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
            boolean tagOk = j < n && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)));
            if (!tagOk) {
                tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, i, i + 1, "$"));
                i++;
                return null;
            }
            String tag = s.substring(start, j + 1);
            int close = s.indexOf(tag, j + 1);
            if (close < 0) {
                i = n;
                return "a dollar-quoted string (" + tag + ") is not closed";
            }
            tokens.add(new SqlToken(SqlToken.Kind.STRING, start, close + tag.length(), s.substring(j + 1, close)));
            i = close + tag.length();
            return null;
        }

        private void number() {
            int start = i;
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_'
                    || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
                i++;
            }
            tokens.add(new SqlToken(SqlToken.Kind.NUMBER, start, i, s.substring(start, i)));
        }

        private String word() {
            int start = i;
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            // prefixed literals: E'…' (PostgreSQL, backslash escapes), U&'…' / U&"…", B'…', X'…', N'…'
            if ((c == 'U' || c == 'u') && next == '&' && i + 2 < n
                    && has(Feature.UNICODE_STRINGS)) {
                char q = s.charAt(i + 2);
                if (q == '\'') {
                    String problem = string(start, i + 2, false);
                    if (problem == null) {
                        uescape();
                    }
                    return problem;
                }
                if (q == '"' && has(Feature.UNICODE_NAMES)) {
                    return identifier(start, i + 2, '"', true);
                }
            }
            if (next == '\'') {
                if ((c == 'E' || c == 'e') && has(Feature.ESCAPE_STRINGS)) {
                    return string(start, i + 1, true);
                }
                if ("BbXxNn".indexOf(c) >= 0) {
                    return string(start, i + 1, has(Feature.BACKSLASH_ESCAPES));
                }
            }
            while (i < n && isWordPart(s.charAt(i))) {
                i++;
            }
            tokens.add(new SqlToken(SqlToken.Kind.WORD, start, i, s.substring(start, i)));
            return null;
        }

        private boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_' || (c > 127 && !Character.isWhitespace(c));
        }

        private boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || (c == '$' && has(Feature.DOLLAR_IN_NAMES))
                    || (c > 127 && !Character.isWhitespace(c));
        }
    }

    /** Resolves PostgreSQL's Unicode escapes ({@code \XXXX}, {@code \+XXXXXX}, a doubled escape). */
    static String decodeUnicode(String body, char escape) {
        StringBuilder out = new StringBuilder(body.length());
        int j = 0;
        while (j < body.length()) {
            char c = body.charAt(j);
            if (c != escape) {
                out.append(c);
                j++;
                continue;
            }
            if (j + 1 < body.length() && body.charAt(j + 1) == escape) {
                out.append(escape);
                j += 2;
            } else if (j + 1 < body.length() && body.charAt(j + 1) == '+' && isHex(body, j + 2, 6)) {
                out.appendCodePoint(Integer.parseInt(body.substring(j + 2, j + 8), 16));
                j += 8;
            } else if (isHex(body, j + 1, 4)) {
                out.append((char) Integer.parseInt(body.substring(j + 1, j + 5), 16));
                j += 5;
            } else {
                out.append(c);
                j++;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
