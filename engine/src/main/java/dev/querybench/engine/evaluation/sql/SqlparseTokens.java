package dev.querybench.engine.evaluation.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SQL into the leaf tokens the Python library {@code sqlparse} yields (its
 * {@code parse(sql)[0].flatten()}), because the Spider evaluator's rewrites act on those tokens:
 * {@code remove_distinct} drops every token spelled "distinct" from the first statement, and
 * {@code --plug_value} finds string and number literals among them. Only the boundaries and the
 * kinds those rewrites look at are reproduced (literals, words, numbers, whitespace, comments,
 * punctuation and operator runs); keyword classes are not. Behaviour that looks odd is sqlparse's,
 * kept on purpose: {@code 3-2} is the numbers {@code 3} and {@code -2}; each whitespace character
 * is a token of its own. docs/evaluation.md ("spider") lists where this matters. Stateless and
 * thread-safe.
 */
public final class SqlparseTokens {

    /** What a token is, as far as the Spider rewrites care. */
    public enum Kind { WHITESPACE, NEWLINE, COMMENT, STRING_SINGLE, STRING_SYMBOL, NAME, WORD, INTEGER, FLOAT,
        PUNCTUATION, OPERATOR, WILDCARD, OTHER }

    /** One token: its kind and its exact text. */
    public record Token(Kind kind, String text) {}

    private SqlparseTokens() {}

    /** The tokens of the first statement (up to and including its first top-level {@code ;}). */
    public static List<Token> firstStatement(String sql) {
        List<Token> first = new ArrayList<>();
        for (Token t : tokens(sql)) {
            first.add(t);
            if (t.kind() == Kind.PUNCTUATION && t.text().equals(";")) {
                break;
            }
        }
        return first;
    }

    /** Every token, in order; their texts joined give {@code sql} back. */
    public static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            Token t = next(sql, i, out.isEmpty() ? null : out.getLast());
            out.add(t);
            i += t.text().length();
        }
        return out;
    }

    /** The token at i: sqlparse's rules tried in its order, in three runs. */
    private static Token next(String s, int i, Token previous) {
        Token t = commentOrSpace(s, i);
        if (t == null) {
            t = nameOrLiteral(s, i, previous);
        }
        return t != null ? t : symbol(s, i);
    }

    private static Token commentOrSpace(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        if ((c == '-' && s.startsWith("--", i)) || (c == '#' && s.startsWith("# ", i))) {
            int end = i;
            while (end < n && s.charAt(end) != '\n' && s.charAt(end) != '\r') {
                end++;
            }
            end = s.startsWith("\r\n", end) ? end + 2 : Math.min(n, end + 1);
            return token(Kind.COMMENT, s, i, end);
        }
        if (c == '/' && s.startsWith("/*", i)) {
            int close = s.indexOf("*/", i + 2);
            if (close >= 0) {
                return token(Kind.COMMENT, s, i, close + 2);
            }
        }
        if (c == '\r' || c == '\n') {
            return token(Kind.NEWLINE, s, i, s.startsWith("\r\n", i) ? i + 2 : i + 1);
        }
        if (Character.isWhitespace(c)) {
            return token(Kind.WHITESPACE, s, i, i + 1);
        }
        return null;
    }

    /** Assignments and casts, the wildcard, quoted and bound names, numbers, strings and words; null for none. */
    private static Token nameOrLiteral(String s, int i, Token previous) {
        int n = s.length();
        char c = s.charAt(i);
        if (s.startsWith(":=", i) || s.startsWith("::", i)) {
            return token(c == ':' && s.charAt(i + 1) == '=' ? Kind.OPERATOR : Kind.PUNCTUATION, s, i, i + 2);
        }
        if (c == '*') {
            return token(Kind.WILDCARD, s, i, i + 1);
        }
        if (c == '`') {
            int end = closingQuote(s, i, '`', false);
            if (end > 0) {
                return token(Kind.NAME, s, i, end);
            }
        }
        if (c == '?') {
            return token(Kind.NAME, s, i, i + 1);
        }
        if ((c == '$' || c == ':') && i + 1 < n && isWord(s.charAt(i + 1)) && (previous == null
                || !isWord(previous.text().charAt(previous.text().length() - 1)))) {
            return token(Kind.NAME, s, i, wordEnd(s, i + 1));
        }
        int number = number(s, i);
        if (number > 0) {
            return token(s.substring(i, number).matches("-?[0-9]+") ? Kind.INTEGER : Kind.FLOAT, s, i, number);
        }
        if (c == '\'') {
            int end = closingQuote(s, i, '\'', true);
            if (end > 0) {
                return token(Kind.STRING_SINGLE, s, i, end);
            }
        }
        if (c == '"') {
            int end = closingQuote(s, i, '"', true);
            if (end > 0) {
                return token(Kind.STRING_SYMBOL, s, i, end);
            }
        }
        if (c == '[' && (previous == null || !endsNameLike(previous))) {
            int close = s.indexOf(']', i + 1);
            int open = s.indexOf('[', i + 1);
            if (close > i + 1 && (open < 0 || open > close)) {
                return token(Kind.NAME, s, i, close + 1);
            }
        }
        if ((c == '@' || c == '#') && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
            return token(Kind.NAME, s, i, wordEnd(s, i + 1));
        }
        if (isWord(c)) {
            return token(Kind.WORD, s, i, wordEnd(s, i));
        }
        return null;
    }

    /** Punctuation, JSON and other operator runs, or one character of anything else. */
    private static Token symbol(String s, int i) {
        char c = s.charAt(i);
        if (";:()[],.".indexOf(c) >= 0) {
            return token(Kind.PUNCTUATION, s, i, i + 1);
        }
        for (String json : new String[] {"->>", "->", "#>>", "#>", "@>", "<@", "-|-", "<->"}) {
            if (s.startsWith(json, i)) {
                return token(Kind.OPERATOR, s, i, i + json.length());
            }
        }
        if ("<>=~!".indexOf(c) >= 0) {
            return token(Kind.OPERATOR, s, i, runEnd(s, i, "<>=~!"));
        }
        if ("+/@#%^&|-".indexOf(c) >= 0) {
            return token(Kind.OPERATOR, s, i, runEnd(s, i, "+/@#%^&|-"));
        }
        return token(Kind.OTHER, s, i, i + 1);
    }

    private static final String NOT_LETTER = "(?![_a-zA-Z\u00c0-\u00dc\u00e0-\u00fc])";
    private static final Pattern HEX = Pattern.compile("-?0x[0-9a-f]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPONENT = Pattern.compile("-?\\d+(\\.\\d+)?e-?\\d+", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)|\\.\\d+)" + NOT_LETTER);
    private static final Pattern INTEGER = Pattern.compile("-?\\d+" + NOT_LETTER);

    /** The end of a number starting at i (hex, exponent, decimal or integer, optionally negative), or -1. */
    private static int number(String s, int i) {
        char c = s.charAt(i);
        if (!(c == '-' || c == '.' || (c >= '0' && c <= '9'))) {
            return -1;
        }
        for (Pattern p : new Pattern[] {HEX, EXPONENT, DECIMAL, INTEGER}) {
            Matcher m = p.matcher(s).region(i, s.length()).useTransparentBounds(true);
            if (m.lookingAt()) {
                return m.end();
            }
        }
        return -1;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int wordEnd(String s, int i) {
        int j = i;
        while (j < s.length() && (isWord(s.charAt(j)) || s.charAt(j) == '$' || s.charAt(j) == '#')) {
            j++;
        }
        return j;
    }

    private static int runEnd(String s, int i, String chars) {
        int j = i;
        while (j < s.length() && chars.indexOf(s.charAt(j)) >= 0) {
            j++;
        }
        return j;
    }

    private static boolean endsNameLike(Token previous) {
        char last = previous.text().charAt(previous.text().length() - 1);
        return isWord(last) || last == ']' || last == ')';
    }

    /** The end (after the closing quote) of a quoted run with doubled (and optionally backslashed) quotes, or -1. */
    private static int closingQuote(String s, int open, char quote, boolean backslash) {
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslash && c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static Token token(Kind kind, String s, int start, int end) {
        return new Token(kind, s.substring(start, end));
    }
}
