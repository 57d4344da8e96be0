package dev.querybench.engine.evaluation.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RowHasher#value} hashes integers, doubles, compact decimals and strings with
 * {@code long} arithmetic instead of through the normalised {@link BigDecimal}; every verdict of
 * the hash comparison depends on it giving exactly the hash of the normalised value
 * ({@link RowHasher#normalizedValue}). Checked here over edge values and a few hundred thousand
 * random ones, at Spider's exact equality, the default tolerance and coarse ones (where rounding
 * carries and ties happen often).
 */
class RowHasherEquivalenceTest {

    @ParameterizedTest
    @ValueSource(doubles = {0, 1e-9, 1e-6, 1e-3, 0.05, 0.5})
    void fastHashesEqualTheNormalisedValuesHashes(double tolerance) {
        RowHasher hasher = new RowHasher(tolerance);
        List<Object> values = edgeValues();
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 40_000; i++) {
            values.add(random.nextInt());
            values.add(random.nextLong());
            values.add(random.nextLong(-2_000_000, 2_000_000));
            values.add(random.nextLong() >> random.nextInt(64));
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(-12, 24)) * (random.nextBoolean() ? 1 : -1));
            values.add(Math.round(random.nextDouble() * 1e6) / 100.0);
            values.add((double) (random.nextLong() >> random.nextInt(64)));
            values.add(BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(-20, 40)));
            values.add(BigInteger.valueOf(random.nextLong() >> random.nextInt(64)));
            values.add((short) random.nextInt());
            values.add((byte) random.nextInt());
        }
        for (Object v : values) {
            assertThat(hasher.value(v)).as("%s (%s) at tolerance %s", v, v.getClass().getSimpleName(), tolerance)
                    .isEqualTo(hasher.normalizedValue(v));
        }
    }

    private static List<Object> edgeValues() {
        List<Object> values = new ArrayList<>(List.of(0, -0.0, 0.0, 1, -1, 10, 100, 1_000_000_000, 999_999_999,
                999_999_9995L, 9_999_999_995L, 1_234_567_885L, 1_234_567_875L, 1_234_567_895L, -1_234_567_885L,
                Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                1e7, 1.0E7 + 0.5, 0.1, 0.2, 0.30000000000000004, 0.3, 1.0 / 3, 2.0 / 3, 0.001, 0.000999, 1e-5,
                123.45, 9.999999995, 99999999.95, 0x1p53, 0x1p53 - 1, 0x1p53 + 2, 0x1p63, -0x1p63, 1e300, 4.9e-324,
                Double.MAX_VALUE, Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                1.5f, Float.NaN, true, false, "", "1", "customer-17", "ü", new BigDecimal("1.00"),
                new BigDecimal("0E+5"), new BigDecimal("0.000"), new BigDecimal("1E+30"), new BigDecimal("-12.3450"),
                new BigDecimal("123456789012345678901234567890.5"), new BigDecimal("1E-999999"),
                BigInteger.TWO.pow(70), BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE),
                (short) -5, (byte) 7, java.sql.Date.valueOf("2024-02-29"), new byte[] {1, 2}));
        for (long p = 1; p > 0 && p < Long.MAX_VALUE / 10; p *= 10) {
            for (long d = -6; d <= 6; d++) {
                values.add(p * 5 + d);
                values.add(p * 15 + d);
                values.add(p * 25 + d);
                values.add((p * 5 + d) / 1000.0);
            }
        }
        return values;
    }
}
