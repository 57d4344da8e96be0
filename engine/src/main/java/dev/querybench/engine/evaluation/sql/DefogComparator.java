package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * defog sql-eval's result comparison ({@code compare_df}, then {@code subset_df}, in its
 * {@code eval/eval.py}), reproduced on {@link PandasFrame}s so verdicts match it: first the raw
 * {@code df_gold.values == df_gen.values} (numpy broadcasting included), then both tables normalised
 * (duplicate rows dropped, columns sorted by name, rows sorted unless the question asks for an
 * order — "order", "sort", "arrange" — or the category is {@code order_by}, in which case rows are
 * sorted by the columns named after the query's first ORDER BY, descending unless it says ASC) and
 * compared exactly with NULL as -99999; failing that, every gold column must equal a distinct
 * predicted column (sorted, with pandas' tolerances) and the matched columns must hold gold's rows.
 * Every rule and its source are in docs/evaluation.md ("defog").
 *
 * <p>Passes that only numpy's broadcasting allows (a prediction of another shape, such as no rows
 * against one gold row) and verdicts decided by a pandas error are flagged
 * {@value SpiderComparator#FLAG_OFFICIAL_QUIRK}. Thread-safe; up to 4,096 gold frames (and as many
 * normalised ones and questions' order words) are kept for the next prediction.
 */
public final class DefogComparator {

    /** The prediction matched exactly ({@code compare_df}); without it a pass is a subset match. */
    public static final String FLAG_EXACT = "exact-match";

    private static final Pattern ORDER_WORDS = Pattern.compile("\\b(order|sort|arrange)\\b", Pattern.CASE_INSENSITIVE
            | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ORDER_BY_CLAUSE = Pattern.compile("ORDER BY[\\s\\S]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER_BY_COLUMNS = Pattern.compile("(?<=ORDER BY)(.*?)(?=;|,|\\)|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_COLUMNS = Set.of("desc", "asc", "nulls", "last", "first", "limit");
    private static final double RELATIVE = 1e-5;
    private static final double ABSOLUTE = 1e-8;

    /*
     * What is remembered across predictions, each map at most KEPT entries (one more starts it
     * again), so a comparator that lives long (the workbench's) does not grow with every gold query
     * and question it has seen: gold results as frames, and normalised per question, computed once
     * per gold query and shared; and whether a question's text asks for an order, once per question
     * rather than per prediction (the Unicode word match costs 4-20 µs a question, several times per
     * prediction otherwise).
     */
    private final java.util.concurrent.ConcurrentMap<String, PandasFrame> goldFrames =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<List<String>, PandasFrame> normalizedGold =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, Boolean> orderWords =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final int KEPT = 4_096;

    /** The question as sql-eval sees it: its text, its category, and the gold as written. */
    public record Context(String question, String category, String goldText) {}

    /**
     * The outcome of comparing with one gold query, as {@code compare_query_results} keeps it.
     *
     * @param raised pandas raised: sql-eval counts the whole item incorrect, whatever other gold queries give
     */
    public record Outcome(boolean exact, boolean correct, boolean quirk, boolean raised, String reason) {}

    private static final Pattern LIKE_TO_LAST_QUOTE = Pattern.compile("LIKE[\\s\\S]*'", Pattern.CASE_INSENSITIVE);

    /**
     * sql-eval's PostgreSQL runner doubles every {@code %} from the first LIKE to the last quote
     * before the query reaches the server (meant for the driver's parameter syntax, which is not
     * used, so the doubled signs arrive as written).
     */
    public static String escapePercent(String sql) {
        if (sql.indexOf('%') < 0) {
            return sql; // nothing to double; saves the regular expression's scan (most queries)
        }
        Matcher m = LIKE_TO_LAST_QUOTE.matcher(sql);
        return m.find() ? sql.substring(0, m.start()) + m.group().replace("%", "%%") + sql.substring(m.end()) : sql;
    }

    /** Compares one gold result with the prediction's: exact, else subset. */
    public Outcome compare(QueryResult gold, QueryResult generated, String generatedSql, Context context) {
        return compare(null, gold, generated, generatedSql, context);
    }

    /**
     * As {@link #compare(QueryResult, QueryResult, String, Context)}, keeping gold's frame (and its
     * normalised form per question) under {@code goldSql} for the next prediction of that gold.
     */
    public Outcome compare(String goldSql, QueryResult gold, QueryResult generated, String generatedSql,
            Context context) {
        PandasFrame g = goldSql == null ? PandasFrame.of(gold) : kept(goldFrames, goldSql, k -> PandasFrame.of(gold));
        PandasFrame p = PandasFrame.of(generated);
        try {
            Boolean raw = rawEquals(g, p);
            if (raw != null && raw) {
                boolean sameShape = g.rowCount() == p.rowCount() && g.columnCount() == p.columnCount();
                return new Outcome(true, true, !sameShape, false, sameShape ? "the results are equal as they are"
                        : "numpy's broadcasting compares a " + shape(g) + " gold with a " + shape(p)
                                + " prediction as equal (docs/evaluation.md, defog)");
            }
            if (normalisedEquals(goldSql, g, p, context, generatedSql)) {
                return new Outcome(true, true, false, false, "the results are equal once normalised");
            }
            if (subset(g, p, context)) {
                return new Outcome(false, true, false, false, "every gold column matches a predicted column");
            }
            return new Outcome(false, false, false, false, "the results differ (neither equal nor a subset)");
        } catch (PandasFrame.PandasError e) {
            return new Outcome(false, false, true, true, "sql-eval raises " + e.getMessage()
                    + " and counts the item incorrect (docs/evaluation.md, defog)");
        }
    }

    /** A verdict from the outcomes of every gold query tried. */
    public static Verdict verdict(Outcome best, int rowsGold, int rowsPredicted) {
        Set<String> flags = new HashSet<>();
        if (best.quirk()) {
            flags.add(SpiderComparator.FLAG_OFFICIAL_QUIRK);
        }
        if (best.exact()) {
            flags.add(FLAG_EXACT);
        }
        String mode = MatchMode.DEFOG.id();
        if (best.correct()) {
            if (rowsGold == 0 && rowsPredicted == 0) {
                flags.add(ResultComparator.FLAG_VACUOUS);
            }
            return Verdict.pass(mode, flags, best.reason());
        }
        FailureCategory category = rowsPredicted == 0 && rowsGold > 0 ? FailureCategory.EMPTY_RESULT
                : rowsGold != rowsPredicted ? FailureCategory.WRONG_ROW_COUNT : FailureCategory.WRONG_VALUES;
        return Verdict.fail(mode, flags, category, best.reason() + "; row count " + rowsPredicted + " vs " + rowsGold,
                List.of(), List.of());
    }

    private static String shape(PandasFrame f) {
        return f.rowCount() + "×" + f.columnCount();
    }

    /**
     * {@code (df_gold.values == df_gen.values).all()}: elementwise under numpy's broadcasting; null when
     * the shapes cannot broadcast (numpy then gives no array and the check falls through).
     */
    static Boolean rawEquals(PandasFrame g, PandasFrame p) {
        int rows = broadcast(g.rowCount(), p.rowCount());
        int cols = broadcast(g.columnCount(), p.columnCount());
        if (rows < 0 || cols < 0) {
            return null;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Object a = g.value(g.rowCount() == 1 ? 0 : r, g.columnCount() == 1 ? 0 : c);
                Object b = p.value(p.rowCount() == 1 ? 0 : r, p.columnCount() == 1 ? 0 : c);
                if (!PandasFrame.elementEquals(a, b)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The broadcast length of two dimensions, or -1 when they do not broadcast. */
    private static int broadcast(int a, int b) {
        if (a == b) {
            return a;
        }
        if (a == 1) {
            return b;
        }
        return b == 1 ? a : -1;
    }

    private boolean normalisedEquals(String goldSql, PandasFrame g, PandasFrame p, Context context,
            String generatedSql) {
        PandasFrame ng = goldSql == null ? normalize(g, context, context.goldText())
                : kept(normalizedGold, List.of(goldSql, context.question(), context.category(), context.goldText()),
                        k -> normalize(g, context, context.goldText()));
        PandasFrame np = normalize(p, context, generatedSql);
        if (ng.rowCount() != np.rowCount() || ng.columnCount() != np.columnCount()) {
            return false;
        }
        PandasFrame fg = ng.fillMissing();
        PandasFrame fp = np.fillMissing();
        for (int r = 0; r < fg.rowCount(); r++) {
            for (int c = 0; c < fg.columnCount(); c++) {
                if (!PandasFrame.elementEquals(fg.value(r, c), fp.value(r, c))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the question's text has the word order, sort or arrange (sql-eval's test), remembered. */
    boolean asksForOrder(String question) {
        return kept(orderWords, question, q -> ORDER_WORDS.matcher(q.toLowerCase(Locale.ROOT)).find());
    }

    /** The value kept under {@code key}, else made and kept; a map at its bound starts again first. */
    private static <K, V> V kept(java.util.concurrent.ConcurrentMap<K, V> map, K key,
            java.util.function.Function<K, V> make) {
        V known = map.get(key);
        if (known != null) {
            return known;
        }
        V made = make.apply(key);
        if (map.size() >= KEPT) {
            map.clear();
        }
        V raced = map.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    /** How many entries each of its memories holds: gold frames, normalised gold, order words (for tests). */
    List<Integer> kept() {
        return List.of(goldFrames.size(), normalizedGold.size(), orderWords.size());
    }

    /** {@code normalize_table}. */
    private PandasFrame normalize(PandasFrame frame, Context context, String sql) {
        PandasFrame df = frame.dropDuplicates().sortColumns();
        boolean ordered = context.category().equals("order_by") || asksForOrder(context.question());
        if (ordered && sql != null) {
            Matcher clause = ORDER_BY_CLAUSE.matcher(sql);
            if (clause.find()) {
                Matcher first = ORDER_BY_COLUMNS.matcher(clause.group());
                List<String> words = first.find() ? List.of(pythonSplit(first.group(1))) : List.of();
                List<String> named = new ArrayList<>();
                for (String w : words) {
                    String last = w.strip();
                    int dot = last.lastIndexOf('.');
                    named.add(dot < 0 ? last : last.substring(dot + 1));
                }
                boolean ascending = false;
                List<String> upper = named.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
                if (!upper.contains("DESC") && upper.contains("ASC")) {
                    ascending = true;
                }
                List<String> orderColumns = new ArrayList<>();
                for (String w : named) {
                    String cleaned = w.strip().replace(",", "").replace("(", "");
                    if (!NOT_COLUMNS.contains(cleaned.toLowerCase(Locale.ROOT))) {
                        orderColumns.add(cleaned);
                    }
                }
                List<String> others = df.names().stream().filter(n -> !orderColumns.contains(n)).toList();
                List<String> keys = new ArrayList<>(orderColumns.stream().filter(df.names()::contains).toList());
                List<String> by = new ArrayList<>(keys);
                by.addAll(others);
                df = df.sortRows(by, ascending);
                List<String> arranged = new ArrayList<>(others);
                arranged.addAll(keys);
                df = df.select(arranged);
            }
        } else if (!ordered) {
            df = df.sortRows(df.names(), true);
        }
        return df.deduplicateColumns();
    }

    /** {@code subset_df(gold, generated)}: gold's columns matched greedily to distinct predicted columns. */
    private boolean subset(PandasFrame gold, PandasFrame generated, Context context) {
        if (gold.rowCount() == 0) {
            return false;
        }
        PandasFrame sub = gold.deduplicateColumns();
        PandasFrame superTemp = generated.deduplicateColumns();
        List<String> remaining = new ArrayList<>(superTemp.names());
        List<String> matched = new ArrayList<>();
        for (int j = 0; j < sub.columnCount(); j++) {
            PandasFrame.Column subColumn = sorted(sub.columns().get(j), sub.names().get(j));
            String match = null;
            for (String candidate : remaining) {
                int index = superTemp.names().indexOf(candidate);
                if (seriesEqual(subColumn, sorted(superTemp.columns().get(index), candidate))) {
                    match = candidate;
                    break;
                }
            }
            if (match == null) {
                return false;
            }
            matched.add(match);
            remaining.remove(match);
        }
        Context noQuery = context;
        PandasFrame subNormal = normalize(sub, noQuery, null);
        PandasFrame superMatched = normalize(generated.select(matched).renamed(sub.names()), noQuery, null);
        if (subNormal.rowCount() != superMatched.rowCount() || !subNormal.names().equals(superMatched.names())) {
            return false;
        }
        for (int c = 0; c < subNormal.columnCount(); c++) {
            if (!seriesEqual(subNormal.columns().get(c), superMatched.columns().get(c))) {
                return false;
            }
        }
        return true;
    }

    private static PandasFrame.Column sorted(PandasFrame.Column column, String label) {
        PandasFrame one = new PandasFrame(List.of(label), List.of(column)).sortRows(List.of(label), true);
        return one.columns().getFirst();
    }

    /**
     * {@code assert_series_equal(check_dtype=False)}: same length; missing values match each other;
     * integer (and boolean) columns exactly, others with pandas' tolerance (relative 1e-5, absolute 1e-8).
     */
    static boolean seriesEqual(PandasFrame.Column a, PandasFrame.Column b) {
        if (a.size() != b.size()) {
            return false;
        }
        boolean exact = isExactType(a.dtype()) || isExactType(b.dtype());
        for (int i = 0; i < a.size(); i++) {
            Object x = a.values()[i];
            Object y = b.values()[i];
            if (PandasFrame.isNa(x) || PandasFrame.isNa(y)) {
                if (PandasFrame.isNa(x) != PandasFrame.isNa(y)) {
                    return false;
                }
                continue;
            }
            boolean nx = x instanceof Number || x instanceof Boolean;
            boolean ny = y instanceof Number || y instanceof Boolean;
            if (nx && ny && !exact) {
                double dx = PandasFrame.number(x);
                double dy = PandasFrame.number(y);
                if (!(dx == dy || Math.abs(dx - dy) <= Math.max(RELATIVE * Math.max(Math.abs(dx), Math.abs(dy)),
                        ABSOLUTE))) {
                    return false;
                }
            } else if (!PandasFrame.elementEquals(x, y)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isExactType(PandasFrame.Dtype dtype) {
        return dtype == PandasFrame.Dtype.INT || dtype == PandasFrame.Dtype.BOOL;
    }

    private static String[] pythonSplit(String s) {
        String stripped = s.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }
}
