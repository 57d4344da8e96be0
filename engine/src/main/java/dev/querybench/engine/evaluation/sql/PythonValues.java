package dev.querybench.engine.evaluation.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * JDBC values as the Python evaluators see them through their drivers (sqlite3, psycopg2), for the
 * modes that reproduce those evaluators ({@code spider}, {@code bird}): {@code int}, {@code float},
 * {@code str}, {@code None}, {@code bytes}, {@code decimal.Decimal}, {@code bool}, dates.
 *
 * <p>Two operations matter to them: Python's {@code ==} (numbers of any type compare by exact value,
 * so {@code 1 == 1.0} but {@code 0.1 + 0.2 != 0.3}; a string never equals a number), reproduced by
 * {@link #key} — equal Python values have equal keys; and {@code str(x) + str(type(x))}, the sort key
 * the Spider evaluator orders each row's values by ({@link #sortKey}). See docs/evaluation.md,
 * "spider". Stateless and thread-safe.
 */
public final class PythonValues {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Python's {@code None}, as a key. */
    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A {@code bytes} value, equal by content. */
    private record Bytes(String hex) {}

    /** A float NaN: unequal to everything, itself included, as in Python. */
    private static final class NaN {
        @Override
        public String toString() {
            return "nan";
        }
    }

    /** A value of another type (a date, say): equal within its type by its text. */
    private record Other(String type, String text) {}

    private PythonValues() {}

    /**
     * A key with Python's equality: numbers become a {@link Long} when integral and in range, else
     * their exact {@link BigDecimal}; strings stay; NULL is a shared marker.
     */
    public static Object key(Object value) {
        return switch (value) {
            case null -> NONE;
            case String s -> s;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Boolean b -> b ? 1L : 0L;
            case Double d -> number(d);
            case Float f -> number(Double.parseDouble(Float.toString(f)));
            case BigInteger i -> number(new BigDecimal(i));
            case BigDecimal d -> number(d);
            case byte[] bytes -> new Bytes(HexFormat.of().formatHex(bytes));
            default -> new Other(value.getClass().getName(), value.toString());
        };
    }

    private static Object number(double d) {
        if (Double.isNaN(d)) {
            return new NaN();
        }
        if (Double.isInfinite(d)) {
            return d;
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
            return (long) d;
        }
        return new BigDecimal(d).stripTrailingZeros();
    }

    private static Object number(BigDecimal d) {
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
            return stripped.longValueExact();
        }
        return stripped;
    }

    /** {@code str(x) + str(type(x))} of the value Python's driver would return for this JDBC value. */
    public static String sortKey(Object value) {
        return switch (value) {
            case null -> "None<class 'NoneType'>";
            case String s -> s + "<class 'str'>";
            case Long l -> l + "<class 'int'>";
            case Integer i -> i + "<class 'int'>";
            case Short s -> s + "<class 'int'>";
            case Byte b -> b + "<class 'int'>";
            case BigInteger i -> i + "<class 'int'>";
            case Boolean b -> (b ? "True" : "False") + "<class 'bool'>";
            case Double d -> floatRepr(d) + "<class 'float'>";
            case Float f -> floatRepr(Double.parseDouble(Float.toString(f))) + "<class 'float'>";
            case BigDecimal d -> d.toString() + "<class 'decimal.Decimal'>";
            case byte[] bytes -> bytesRepr(bytes) + "<class 'bytes'>";
            case java.sql.Timestamp t -> t.toLocalDateTime().toString().replace('T', ' ') + "<class 'datetime.datetime'>";
            case java.sql.Date d -> d.toLocalDate() + "<class 'datetime.date'>";
            default -> value + "<class '" + value.getClass().getSimpleName() + "'>";
        };
    }

    /** Python's {@code repr(float)}: the shortest round-tripping digits, exponent form below 1e-4 and from 1e16. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest digits that round-trip (JDK 19 and later), as Python does
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (point <= -4 || point > 16) {
            int exponent = point - 1;
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        if (point <= 0) {
            return sign + "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return sign + digits + "0".repeat(point - digits.length()) + ".0";
        }
        return sign + digits.substring(0, point) + "." + digits.substring(point);
    }

    private static String bytesRepr(byte[] bytes) {
        StringBuilder out = new StringBuilder("b'");
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 32 || c >= 127) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** Python's string order: by code point (Java's compareTo orders UTF-16 units). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
