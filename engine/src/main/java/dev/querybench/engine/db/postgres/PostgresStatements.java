package dev.querybench.engine.db.postgres;

/**
 * Finds where one PostgreSQL statement ends the way the server and pgjdbc read SQL: quoted
 * strings (with {@code E'…'} backslash escapes), quoted identifiers, dollar-quoted bodies,
 * line comments and nested block comments. pgjdbc runs every statement of a semicolon-separated
 * text and has no option to refuse them, so the backend refuses such text itself. Stateless.
 */
final class PostgresStatements {

    /** What the scan found. */
    enum Shape { SINGLE, STACKED, UNTERMINATED }

    private PostgresStatements() {}

    static Shape shapeOf(String sql) {
        int n = sql.length();
        int i = 0;
        boolean ended = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = blockCommentEnd(sql, i);
                if (end < 0) {
                    return Shape.UNTERMINATED;
                }
                i = end;
                continue;
            }
            if (ended && c != ';') {
                return Shape.STACKED;
            }
            if (c == ';') {
                ended = true;
                i++;
                continue;
            }
            int next = skipToken(sql, i);
            if (next < 0) {
                return Shape.UNTERMINATED;
            }
            i = next;
        }
        return Shape.SINGLE;
    }

    /** Index after the token at {@code i}, or -1 when a quote never closes. */
    private static int skipToken(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
            return quoteEnd(sql, i, '\'', escapes);
        }
        if (c == '"') {
            return quoteEnd(sql, i, '"', false);
        }
        if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
            int tagEnd = dollarTagEnd(sql, i);
            if (tagEnd > 0) {
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                return close < 0 ? -1 : close + tag.length();
            }
        }
        return i + 1;
    }

    private static int quoteEnd(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** For {@code $tag$} at {@code i}, the index of the closing {@code $} of the tag; otherwise -1. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        if (j < sql.length() && sql.charAt(j) == '$') {
            return j;
        }
        if (j >= sql.length() || !(Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            return -1;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j : -1;
    }

    private static int blockCommentEnd(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
