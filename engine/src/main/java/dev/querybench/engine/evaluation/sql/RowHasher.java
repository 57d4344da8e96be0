package dev.querybench.engine.evaluation.sql;

import java.math.BigDecimal;
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

    /** The hash of one JDBC value, after normalisation. */
    public long value(Object jdbcValue) {
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
        long unscaled = canonical.unscaledValue().bitLength() < 64 ? canonical.unscaledValue().longValue()
                : text(canonical.unscaledValue().toString());
        return mix(NUMBER_TAG ^ mix(unscaled) ^ mix(canonical.scale() * 0x9e3779b97f4a7c15L));
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
