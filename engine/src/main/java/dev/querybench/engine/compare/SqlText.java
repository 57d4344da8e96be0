package dev.querybench.engine.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SQL as text for people: tokens for highlighting, a one-clause-per-line layout, and the tokens
 * two queries do not share. Also marks template {@code {{variables}}}, so prompt editors can use
 * the same tokens. Lenient: any text tokenizes. Stateless and thread-safe.
 */
public final class SqlText {

    /** What a token is, for colouring. */
    public enum Kind { KEYWORD, IDENTIFIER, STRING, NUMBER, COMMENT, OPERATOR, VARIABLE, WHITESPACE }

    /**
     * A run of text of one kind.
     *
     * @param start offset of the first character
     * @param end offset after the last character
     * @param kind what it is
     * @param text the characters
     */
    public record Token(int start, int end, Kind kind, String text) {}

    /**
     * A range of characters, {@code [start, end)}.
     *
     * @param start first character
     * @param end after the last character
     */
    public record Range(int start, int end) {}

    /**
     * The tokens one query has and the other lacks, as character ranges of each text.
     *
     * @param onlyLeft ranges of the left text not in the right
     * @param onlyRight ranges of the right text not in the left
     */
    public record Difference(List<Range> onlyLeft, List<Range> onlyRight) {
        public Difference {
            onlyLeft = List.copyOf(onlyLeft);
            onlyRight = List.copyOf(onlyRight);
        }

        public boolean same() {
            return onlyLeft.isEmpty() && onlyRight.isEmpty();
        }
    }

    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "group", "by", "having", "order",
            "limit", "offset", "join", "inner", "left", "right", "full", "outer", "cross", "on", "using", "as", "and",
            "or", "not", "in", "is", "null", "like", "between", "exists", "case", "when", "then", "else", "end",
            "distinct", "union", "all", "intersect", "except", "with", "recursive", "asc", "desc", "count", "sum",
            "avg", "min", "max", "cast", "coalesce", "over", "partition", "window", "rows", "range", "true", "false",
            "nulls", "first", "last", "filter", "lateral", "natural", "values", "escape", "glob", "ilike", "any",
            "some", "round", "date", "interval", "extract", "substr", "strftime", "ifnull", "nullif", "fetch", "next",
            "only", "top", "insert", "update", "delete", "create", "drop", "alter", "table", "into", "set");

    /** Keywords that start a clause on a new line in {@link #format}. */
    private static final Set<String> CLAUSES = Set.of("select", "from", "where", "group by", "having", "order by",
            "limit", "offset", "union", "union all", "intersect", "except", "join", "inner join", "left join",
            "left outer join", "right join", "full join", "full outer join", "cross join", "natural join", "with",
            "window");

    /** Splits {@code text} into tokens that cover it completely, in order. */
    public List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                kind = Kind.WHITESPACE;
            } else if (variableEnd(text, i) > 0) {
                i = variableEnd(text, i);
                kind = Kind.VARIABLE;
            } else if (c == '-' && text.startsWith("--", i)) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                kind = Kind.COMMENT;
            } else if (c == '/' && text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                kind = Kind.COMMENT;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = closeQuote(text, i, c);
                kind = c == '\'' ? Kind.STRING : Kind.IDENTIFIER;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                kind = KEYWORDS.contains(text.substring(start, i).toLowerCase(Locale.ROOT)) ? Kind.KEYWORD
                        : Kind.IDENTIFIER;
            } else {
                i++;
                kind = Kind.OPERATOR;
            }
            out.add(new Token(start, i, kind, text.substring(start, i)));
        }
        return out;
    }

    /** The end of a {@code {{variable}}} starting at i (closed on the same line), or -1. */
    private static int variableEnd(String text, int i) {
        if (!text.startsWith("{{", i)) {
            return -1;
        }
        int close = text.indexOf("}}", i + 2);
        int newline = text.indexOf('\n', i);
        return close < 0 || (newline >= 0 && newline < close) ? -1 : close + 2;
    }

    private static int closeQuote(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /**
     * Lays a query out one clause per line (SELECT, FROM, JOIN, WHERE, GROUP BY, …), with
     * AND/OR of a top-level WHERE or HAVING indented below it. Keeps comments, literals and the
     * case of every word; subqueries stay on their clause's line.
     */
    public String format(String sql) {
        if (sql == null || sql.isBlank()) {
            return "";
        }
        List<Token> tokens = tokens(sql.strip()).stream().filter(t -> t.kind() != Kind.WHITESPACE).toList();
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String word = t.text().toLowerCase(Locale.ROOT);
            String clause = depth == 0 && t.kind() == Kind.KEYWORD ? clauseAt(tokens, i) : null;
            boolean breakBefore = clause != null && out.length() > 0;
            boolean andOr = depth == 0 && t.kind() == Kind.KEYWORD && (word.equals("and") || word.equals("or"))
                    && !betweenAnd(tokens, i);
            if (breakBefore) {
                trimEnd(out);
                out.append('\n');
            } else if (andOr) {
                trimEnd(out);
                out.append("\n  ");
            } else if (out.length() > 0 && needsSpace(tokens.get(i - 1), t)) {
                out.append(' ');
            }
            if (clause != null) {
                int words = clause.split(" ").length;
                for (int w = 0; w < words; w++) {
                    if (w > 0) {
                        out.append(' ');
                    }
                    out.append(tokens.get(i + w).text());
                }
                i += words - 1;
            } else {
                out.append(t.text());
            }
            if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")")) {
                depth = Math.max(0, depth - 1);
            }
            if (t.kind() == Kind.COMMENT && t.text().startsWith("--")) {
                out.append('\n');
            }
        }
        return out.toString().strip();
    }

    /** The longest clause keyword sequence starting at token i, or null. */
    private static String clauseAt(List<Token> tokens, int i) {
        String best = null;
        StringBuilder words = new StringBuilder();
        for (int j = i; j < Math.min(tokens.size(), i + 3); j++) {
            if (tokens.get(j).kind() != Kind.KEYWORD) {
                break;
            }
            if (j > i) {
                words.append(' ');
            }
            words.append(tokens.get(j).text().toLowerCase(Locale.ROOT));
            if (CLAUSES.contains(words.toString())) {
                best = words.toString();
            }
        }
        return best;
    }

    /** True for the AND of {@code BETWEEN x AND y}. */
    private static boolean betweenAnd(List<Token> tokens, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 4); j--) {
            String w = tokens.get(j).text().toLowerCase(Locale.ROOT);
            if (w.equals("between")) {
                return true;
            }
            if (w.equals("and") || w.equals("or")) {
                return false;
            }
        }
        return false;
    }

    private static boolean needsSpace(Token previous, Token current) {
        String p = previous.text();
        String c = current.text();
        if (p.equals("(") || p.equals(".") || c.equals(")") || c.equals(",") || c.equals(".") || c.equals(";")) {
            return false;
        }
        if (c.equals("(")) {
            return previous.kind() == Kind.KEYWORD && !isFunctionKeyword(p) || previous.kind() == Kind.OPERATOR;
        }
        if (previous.kind() == Kind.OPERATOR && current.kind() == Kind.OPERATOR && !p.equals(",")) {
            return false;
        }
        return true;
    }

    private static boolean isFunctionKeyword(String word) {
        return Set.of("count", "sum", "avg", "min", "max", "cast", "coalesce", "round", "substr", "strftime", "ifnull",
                "nullif", "date", "extract", "exists", "in", "over").contains(word.toLowerCase(Locale.ROOT))
                && !Set.of("exists", "in", "over").contains(word.toLowerCase(Locale.ROOT));
    }

    private static void trimEnd(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    /**
     * The tokens of each text that are not part of their longest common token sequence;
     * whitespace is ignored and keywords compare without case.
     */
    public Difference diff(String left, String right) {
        List<Token> a = tokens(left).stream().filter(t -> t.kind() != Kind.WHITESPACE).toList();
        List<Token> b = tokens(right).stream().filter(t -> t.kind() != Kind.WHITESPACE).toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = same(a.get(i), b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Range> onlyA = new ArrayList<>();
        List<Range> onlyB = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && same(a.get(i), b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                add(onlyB, b.get(j++));
            } else {
                add(onlyA, a.get(i++));
            }
        }
        return new Difference(onlyA, onlyB);
    }

    private static boolean same(Token x, Token y) {
        return x.kind() == Kind.KEYWORD && y.kind() == Kind.KEYWORD ? x.text().equalsIgnoreCase(y.text())
                : x.text().equals(y.text());
    }

    /** Adds a token's range. */
    private static void add(List<Range> ranges, Token t) {
        ranges.add(new Range(t.start(), t.end()));
    }
}
