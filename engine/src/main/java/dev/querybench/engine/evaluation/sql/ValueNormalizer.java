package dev.querybench.engine.evaluation.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Puts JDBC values into comparable form: every number becomes a {@link BigDecimal} (so
 * 1 = 1.0 = 1.00), dates and times become ISO text, binary becomes hex, NULL stays null.
 * Strings are kept exactly. Stateless and thread-safe.
 */
public final class ValueNormalizer {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A marker for non-finite floats, which compare equal only to themselves. */
    public record NonFinite(String text) {}

    public Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal d -> d.stripTrailingZeros();
            case BigInteger i -> new BigDecimal(i);
            case Double d -> Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros() : new NonFinite(d.toString());
            case Float f -> Float.isFinite(f)
                    ? new BigDecimal(Float.toString(f)).stripTrailingZeros() : new NonFinite(f.toString());
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case java.sql.Timestamp t -> dateTime(t.toLocalDateTime());
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case LocalDateTime t -> dateTime(t);
            case OffsetDateTime t -> dateTime(t.toLocalDateTime());
            case LocalDate d -> d.toString();
            case LocalTime t -> t.toString();
            case byte[] bytes -> "0x" + HexFormat.of().formatHex(bytes);
            default -> value.toString();
        };
    }

    private static String dateTime(LocalDateTime t) {
        String base = t.format(DATE_TIME);
        return t.getNano() == 0 ? base : base + "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
    }

    /** Text for people: reports and the diff view. */
    public String display(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString(); // what the BigDecimal below would print, without making it
        }
        Object n = normalize(value);
        if (n == null) {
            return "NULL";
        }
        if (n instanceof BigDecimal d) {
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        if (n instanceof NonFinite nf) {
            return nf.text();
        }
        return n.toString();
    }
}
