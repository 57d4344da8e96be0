package dev.querybench.app.compare;

/**
 * The figures of one (variant, model) column, as a card at the top of the comparison shows them.
 *
 * @param index the column's position
 * @param variant prompt variant
 * @param model model profile or spec
 * @param accuracyText "18.5%", or "—" before any verdict
 * @param intervalText "95% CI 10.4% – 30.8%"
 * @param value accuracy between 0 and 1 (0 when none)
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param countsText "pass 10 · fail 44 · error 0"
 * @param latencyText "p50 190 ms"
 * @param usageText "60.4k tokens"
 * @param role "A", "B" or empty: whether the card is one of the compared pair
 * @param judgeText "judge agrees with execution on 47/50 · 2 FAIL judged equivalent", or empty when the
 *     column was not judged
 */
public record CompareCard(int index, String variant, String model, String accuracyText, String intervalText,
        double value, double low, double high, String countsText, String latencyText, String usageText, String role,
        String judgeText) {

    CompareCard withRole(String newRole) {
        return new CompareCard(index, variant, model, accuracyText, intervalText, value, low, high, countsText,
                latencyText, usageText, newRole, judgeText);
    }
}
