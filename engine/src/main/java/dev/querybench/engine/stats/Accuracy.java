package dev.querybench.engine.stats;

/**
 * Accuracy with a Wilson score interval (95% by default), which stays inside [0, 1] and behaves
 * at small n and extreme proportions, unlike the normal approximation.
 *
 * @param correct items judged right
 * @param total items judged (ERROR items excluded)
 * @param low lower bound of the interval
 * @param high upper bound of the interval
 */
public record Accuracy(long correct, long total, double low, double high) {

    private static final double Z95 = 1.959963984540054;

    public static Accuracy of(long correct, long total) {
        if (correct < 0 || total < 0 || correct > total) {
            throw new IllegalArgumentException("need 0 <= correct <= total, got " + correct + "/" + total);
        }
        if (total == 0) {
            return new Accuracy(0, 0, 0, 1);
        }
        double n = total;
        double p = correct / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Accuracy(correct, total, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The proportion correct, or NaN when nothing was judged. */
    public double value() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
