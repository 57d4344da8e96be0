package dev.querybench.engine.evaluation.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * 64-bit hashes of normalised values and rows, for comparing results by hash instead of by
 * holding their rows. Values are first normalised as {@link ValueNormalizer} does (1 = 1.0,
 * NULL, ISO dates, exact strings); then numbers are canonicalised:
 *
 * <ul>
 *   <li>tolerance 0 (Spider's exact equality): the exact decimal value, so 1 = 1.0 but
 *       0.30000000000000004 ≠ 0.3;
 *   <li>a relative tolerance t &gt; 0: the value rounded (half-even) to d = ⌊−log10 t⌋
 *       significant digits (9 for the default 1e-9).
 * </ul>
 *
 * <p>The trade-off of rounding against the in-memory comparator's tolerance: two numbers that
 * round to the same d-digit value hash equal although they may differ by up to one unit in the
 * d-th digit (up to about 10·t relative) — slightly more lenient; and two numbers closer than t
 * that straddle a rounding boundary hash differently — slightly stricter, with a chance of about
 * (their difference)/(the rounding step) per value, about 1e-7 for floating-point noise at 1e-16
 * with the default. Distinct rows collide with probability about n²/2^65 (3e-8 for a million
 * rows). Types never hash equal to each other: the number 1 differs from the string '1'.
 *
 * <p>Immutable and thread-safe.
 */
public final class RowHasher {

    private static final long NULL_HASH = 0x6a09e667f3bcc908L;
    private static final long NUMBER_TAG = 0xbb67ae8584caa73bL;
    private static final long TEXT_TAG = 0x3c6ef372fe94f82bL;
    private static final long OTHER_TAG = 0xa54ff53a5f1d36f1L;
    private static final long ROW_SEED = 0x510e527fade682d1L;
    /** 10^0 … 10^18. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final ValueNormalizer normalizer = new ValueNormalizer();
    private final MathContext rounding;

    /** @param tolerance the comparator's relative tolerance; 0 hashes numbers exactly */
    public RowHasher(double tolerance) {
        if (tolerance < 0 || tolerance >= 1) {
            throw new IllegalArgumentException("tolerance must be at least 0 and below 1");
        }
        this.rounding = tolerance == 0 ? null
                : new MathContext(Math.max(1, (int) Math.floor(-Math.log10(tolerance) + 1e-9)), RoundingMode.HALF_EVEN);
    }

    /** Significant digits numbers are rounded to before hashing, or 0 when they hash exactly. */
    public int significantDigits() {
        return rounding == null ? 0 : rounding.getPrecision();
    }

    /**
     * The hash of one JDBC value, after normalisation. The common JDBC types (integers, finite
     * doubles, compact decimals, strings) hash without the normalised {@link BigDecimal}: a
     * million-row result would otherwise allocate several objects per value. Each gives exactly
     * the hash {@link #normalizedValue} gives (RowHasherEquivalenceTest holds them to it).
     */
    public long value(Object jdbcValue) {
        return switch (jdbcValue) {
            case null -> NULL_HASH;
            case String s -> mix(TEXT_TAG ^ text(s));
            case Integer i -> decimal(i, 0);
            case Long l -> decimal(l, 0);
            case Short s -> decimal(s, 0);
            case Byte b -> decimal(b, 0);
            case Boolean b -> decimal(b ? 1 : 0, 0);
            case Double d when Double.isFinite(d) -> real(d);
            case BigDecimal d when d.precision() < 19 && d.scale() > -1_000_000 && d.scale() < 1_000_000 ->
                    decimal(d.scale() == 0 ? d.longValue() : d.unscaledValue().longValue(), d.scale());
            case BigInteger i when i.bitLength() < 63 -> decimal(i.longValue(), 0);
            default -> normalizedValue(jdbcValue);
        };
    }

    /** The hash of one JDBC value through its normalised form: the rule {@link #value} follows. */
    long normalizedValue(Object jdbcValue) {
        Object v = normalizer.normalize(jdbcValue);
        return switch (v) {
            case null -> NULL_HASH;
            case BigDecimal d -> number(d);
            case String s -> mix(TEXT_TAG ^ text(s));
            default -> mix(OTHER_TAG ^ text(v.toString()));
        };
    }

    private long number(BigDecimal d) {
        BigDecimal canonical = (rounding == null ? d : d.round(rounding)).stripTrailingZeros();
        BigInteger unscaled = canonical.unscaledValue();
        return numberHash(unscaled.bitLength() < 64 ? unscaled.longValue() : text(unscaled.toString()),
                canonical.scale());
    }

    private static long numberHash(long canonicalUnscaled, int canonicalScale) {
        return mix(NUMBER_TAG ^ mix(canonicalUnscaled) ^ mix(canonicalScale * 0x9e3779b97f4a7c15L));
    }

    /**
     * A double as {@code BigDecimal.valueOf} reads it (its shortest decimal, {@link Double#toString}):
     * an integral double below 2^53 is that integer exactly, so only the others need the text.
     */
    private long real(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return decimal((long) d, 0);
        }
        String text = Double.toString(d);
        int n = text.length();
        int i = text.charAt(0) == '-' ? 1 : 0;
        long unscaled = 0;
        int scale = 0;
        boolean fraction = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                fraction = true;
            } else if (c == 'E') {
                scale -= Integer.parseInt(text, i + 1, n, 10);
                break;
            } else {
                // at most 17 significant digits and a trailing 0: below 10^18, no overflow
                unscaled = unscaled * 10 + (c - '0');
                scale += fraction ? 1 : 0;
            }
        }
        return decimal(text.charAt(0) == '-' ? -unscaled : unscaled, scale);
    }

    /**
     * The hash of the number {@code unscaled} × 10^-{@code scale}, canonicalised as {@link #number}
     * does with {@code long} arithmetic: trailing zeros stripped, then rounded half-even to the
     * significant digits. A canonical (unscaled, scale) pair is unique to its value, so both agree.
     */
    private long decimal(long unscaled, int scale) {
        if (unscaled == 0) {
            return numberHash(0, 0);
        }
        if (unscaled == Long.MIN_VALUE) {
            return number(BigDecimal.valueOf(unscaled, scale));
        }
        long u = unscaled;
        int s = scale;
        while (u % 10 == 0) {
            u /= 10;
            s--;
        }
        int digits = digits(Math.abs(u));
        if (rounding != null && digits > rounding.getPrecision()) {
            int drop = digits - rounding.getPrecision();
            long step = POWERS_OF_TEN[drop];
            long a = Math.abs(u);
            long q = a / step;
            long r = a % step;
            long half = step / 2;
            if (r > half || r == half && (q & 1) == 1) {
                q++;
            }
            u = u < 0 ? -q : q;
            s -= drop;
            while (u % 10 == 0) {
                u /= 10;
                s--;
            }
        }
        return numberHash(u, s);
    }

    /** Decimal digits of a positive long. */
    private static int digits(long a) {
        int d = 1;
        while (d < POWERS_OF_TEN.length && a >= POWERS_OF_TEN[d]) {
            d++;
        }
        return d;
    }

    /**
     * The hash of a row whose value hashes are {@code values}, taking column {@code order[j]} as
     * the j-th; a row's hash depends on the order of its values.
     */
    public static long row(long[] values, int[] order) {
        long h = ROW_SEED;
        for (int j : order) {
            h = mix(h * 31 + values[j]);
        }
        return h;
    }

    /** The hash of a row whose values are in their own order. */
    public static long row(long[] values) {
        long h = ROW_SEED;
        for (long v : values) {
            h = mix(h * 31 + v);
        }
        return h;
    }

    /** A column's contribution of one value to its order-insensitive fingerprint. */
    public static long fingerprintPart(long valueHash) {
        return mix(valueHash + 0x2545f4914f6cdd1dL);
    }

    /** FNV-1a over the UTF-16 units, then mixed. */
    private static long text(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h ^ s.length());
    }

    /** The 64-bit finaliser of MurmurHash3 (public domain): every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
