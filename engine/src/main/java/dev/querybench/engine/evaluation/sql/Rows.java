package dev.querybench.engine.evaluation.sql;

import java.math.BigDecimal;

/** Orders and permutations of normalised rows, shared by the comparators. Stateless. */
final class Rows {

    private Rows() {}

    static int compareRows(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = compareValues(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static int compareValues(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case null -> 0;
            case BigDecimal x -> x.compareTo((BigDecimal) b);
            default -> a.toString().compareTo(b.toString());
        };
    }

    private static int rank(Object v) {
        return switch (v) {
            case null -> 0;
            case BigDecimal d -> 1;
            case String s -> 2;
            default -> 3;
        };
    }

    /** The identity permutation of {@code n} columns. */
    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** Whether a column permutation leaves every column in place. */
    static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }
}
