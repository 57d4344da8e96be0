package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.QueryResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A query result as the pandas DataFrame defog's sql-eval builds from it ({@code pd.read_sql_query}
 * over psycopg2, {@code coerce_float=True}), with the few DataFrame operations its comparison uses.
 * Each column gets pandas' type: integers without NULL stay integers; numbers with a NULL, a decimal
 * or a float become floats (NULL as NaN); booleans without NULL stay booleans; timestamps stay
 * timestamps; everything else is an object column holding the Python values ({@code None} for
 * NULL). See docs/evaluation.md ("defog"). Immutable.
 *
 * @param names column labels in order
 * @param columns one column of values per label, rows in order
 */
record PandasFrame(List<String> names, List<Column> columns) {

    /** pandas' column types, as far as equality and sorting tell them apart. */
    enum Dtype { INT, FLOAT, BOOL, DATETIME, OBJECT }

    /** Python's {@code None} inside object columns (Java null stands for it). */
    static final Object NAN = Double.NaN;

    /** One column: its type and its values (Long, Double, Boolean, LocalDateTime, or Python objects). */
    record Column(Dtype dtype, Object[] values) {
        int size() {
            return values.length;
        }
    }

    /** Raised where pandas raises (sorting a column of strings and numbers, reindexing duplicate labels). */
    static final class PandasError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PandasError(String message) {
            super(message, null, false, false);
        }
    }

    PandasFrame {
        names = List.copyOf(names);
        columns = List.copyOf(columns);
    }

    static PandasFrame of(QueryResult result) {
        int n = result.columns().size();
        List<Column> columns = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            Object[] values = new Object[result.rowCount()];
            for (int r = 0; r < values.length; r++) {
                values[r] = python(result.rows().get(r).get(c));
            }
            columns.add(infer(values));
        }
        return new PandasFrame(result.columns().stream().map(PandasFrame::driverLabel).toList(), columns);
    }

    /** psycopg2 reports column labels as the server does; JDBC may report them the same. */
    private static String driverLabel(String label) {
        return label;
    }

    int rowCount() {
        return columns.isEmpty() ? 0 : columns.getFirst().size();
    }

    int columnCount() {
        return columns.size();
    }

    Object value(int row, int column) {
        return columns.get(column).values()[row];
    }

    /** The value a Python driver returns for a JDBC value (before pandas' column typing). */
    private static Object python(Object v) {
        return switch (v) {
            case null -> null;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger i -> i.bitLength() < 64 ? (Object) i.longValue() : i.doubleValue();
            case Float f -> Double.parseDouble(Float.toString(f));
            case BigDecimal d -> d.doubleValue();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case java.sql.Date d -> d.toLocalDate();
            case java.time.OffsetDateTime t -> t.toLocalDateTime();
            case byte[] bytes -> new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            default -> v;
        };
    }

    /** pandas' typing of a column of Python values ({@code maybe_convert_objects} with {@code try_float}). */
    private static Column infer(Object[] values) {
        boolean anyNull = false;
        boolean allNull = true;
        boolean numbers = true;
        boolean integers = true;
        boolean booleans = true;
        boolean datetimes = true;
        for (Object v : values) {
            if (v == null) {
                anyNull = true;
                continue;
            }
            allNull = false;
            numbers &= v instanceof Long || v instanceof Double;
            integers &= v instanceof Long;
            booleans &= v instanceof Boolean;
            datetimes &= v instanceof LocalDateTime;
        }
        if (allNull) {
            return new Column(Dtype.OBJECT, values);
        }
        if (numbers && integers && !anyNull) {
            return new Column(Dtype.INT, values);
        }
        if (numbers) {
            Object[] floats = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = values[i] == null ? NAN : ((Number) values[i]).doubleValue();
            }
            return new Column(Dtype.FLOAT, floats);
        }
        if (booleans && !anyNull) {
            return new Column(Dtype.BOOL, values);
        }
        if (datetimes) {
            return new Column(Dtype.DATETIME, values);
        }
        return new Column(Dtype.OBJECT, values);
    }

    /** Whether pandas counts the value as missing (None, NaN, NaT). */
    static boolean isNa(Object v) {
        return v == null || (v instanceof Double d && d.isNaN());
    }

    /** {@code drop_duplicates()}: the first of each set of equal rows (missing values equal each other). */
    PandasFrame dropDuplicates() {
        Set<List<Object>> seen = new HashSet<>();
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < rowCount(); r++) {
            List<Object> key = new ArrayList<>(columnCount());
            for (int c = 0; c < columnCount(); c++) {
                key.add(hashKey(value(r, c)));
            }
            if (seen.add(key)) {
                keep.add(r);
            }
        }
        return keep.size() == rowCount() ? this : rows(keep);
    }

    private static Object hashKey(Object v) {
        if (isNa(v)) {
            return "\u0000NA";
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.2e18) {
            return (long) (double) d;
        }
        return v;
    }

    PandasFrame rows(List<Integer> order) {
        List<Column> out = new ArrayList<>(columnCount());
        for (Column column : columns) {
            Object[] values = new Object[order.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.values()[order.get(i)];
            }
            out.add(new Column(column.dtype(), values));
        }
        return new PandasFrame(names, out);
    }

    /** The columns in the given order of labels (each label taken once, the first column of that label). */
    PandasFrame select(List<String> labels) {
        List<Column> out = new ArrayList<>();
        for (String label : labels) {
            int index = names.indexOf(label);
            if (index < 0) {
                throw new PandasError("KeyError: '" + label + "' is not among the columns " + names);
            }
            out.add(columns.get(index));
        }
        return new PandasFrame(labels, out);
    }

    /** {@code df.reindex(sorted(df.columns), axis=1)}: pandas refuses duplicate labels unless already in order. */
    PandasFrame sortColumns() {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(PythonValues::compareCodePoints);
        if (sorted.equals(names)) {
            return this;
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new PandasError("ValueError: cannot reindex on an axis with duplicate labels " + names);
        }
        return select(sorted);
    }

    /**
     * {@code sort_values(by=labels, ascending=…)}: missing values last. By one column, strings and
     * numbers in it raise (numpy's argsort); by several, pandas sorts each column's values as
     * categories, numbers before strings.
     */
    PandasFrame sortRows(List<String> labels, boolean ascending) {
        int[] keys = labels.stream().mapToInt(names::indexOf).toArray();
        if (keys.length == 1) {
            checkSortable(columns.get(keys[0]), names.get(keys[0]));
        }
        Integer[] order = new Integer[rowCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            for (int k : keys) {
                int c = compareForSort(value(a, k), value(b, k), ascending);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return rows(Arrays.asList(order));
    }

    private static void checkSortable(Column column, String label) {
        if (column.dtype() != Dtype.OBJECT) {
            return;
        }
        Class<?> kind = null;
        for (Object v : column.values()) {
            if (isNa(v)) {
                continue;
            }
            Class<?> k = v instanceof Number || v instanceof Boolean ? Number.class : v.getClass();
            if (kind != null && kind != k) {
                throw new PandasError("TypeError: '<' not supported between the values of column '" + label
                        + "' (" + kind.getSimpleName() + " and " + k.getSimpleName() + ")");
            }
            kind = k;
        }
    }

    private static int compareForSort(Object a, Object b, boolean ascending) {
        boolean na = isNa(a);
        boolean nb = isNa(b);
        if (na || nb) {
            return na == nb ? 0 : na ? 1 : -1;
        }
        int c;
        if ((a instanceof Number || a instanceof Boolean) && (b instanceof Number || b instanceof Boolean)) {
            c = Double.compare(number(a), number(b));
        } else if (a instanceof String x && b instanceof String y) {
            c = PythonValues.compareCodePoints(x, y);
        } else if ((a instanceof Number || a instanceof Boolean) != (b instanceof Number || b instanceof Boolean)
                && (a instanceof String || b instanceof String)) {
            c = a instanceof String ? 1 : -1;
        } else if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
            @SuppressWarnings("unchecked")
            Comparable<Object> x = (Comparable<Object>) a;
            c = x.compareTo(b);
        } else {
            c = a.toString().compareTo(b.toString());
        }
        return ascending ? c : -c;
    }

    static double number(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
    }

    /** {@code deduplicate_columns}: every label that occurs more than once becomes {@code label_<position>}. */
    PandasFrame deduplicateColumns() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.forEach(n -> counts.merge(n, 1, Integer::sum));
        if (counts.size() == names.size()) {
            return this;
        }
        List<String> renamed = new ArrayList<>(names);
        for (int i = 0; i < renamed.size(); i++) {
            if (counts.get(names.get(i)) > 1) {
                renamed.set(i, names.get(i) + "_" + i);
            }
        }
        return new PandasFrame(renamed, columns);
    }

    PandasFrame renamed(List<String> labels) {
        return new PandasFrame(labels, columns);
    }

    /** {@code fillna(-99999)}: missing values become the number -99999. */
    PandasFrame fillMissing() {
        List<Column> out = new ArrayList<>();
        for (Column column : columns) {
            Object[] values = column.values().clone();
            for (int i = 0; i < values.length; i++) {
                if (isNa(values[i])) {
                    values[i] = column.dtype() == Dtype.FLOAT ? (Object) (-99999.0) : (Object) (-99999L);
                }
            }
            out.add(new Column(column.dtype(), values));
        }
        return new PandasFrame(names, out);
    }

    /** numpy's {@code ==} between two elements of {@code df.values}: Python equality, NaN never equal. */
    static boolean elementEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        boolean na = a instanceof Number || a instanceof Boolean;
        boolean nb = b instanceof Number || b instanceof Boolean;
        if (na && nb) {
            if (a instanceof Long x && b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return number(a) == number(b);
        }
        if (na || nb) {
            return false;
        }
        if (a instanceof LocalDate x && b instanceof LocalDateTime y) {
            return false;
        }
        return Objects.equals(a, b);
    }

    /** The column labels pandas gives a query: as reported, with duplicates kept. */
    static Map<String, Integer> counts(List<String> labels) {
        Map<String, Integer> counts = new HashMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        return counts;
    }
}
