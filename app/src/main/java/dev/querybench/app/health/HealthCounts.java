package dev.querybench.app.health;

/**
 * How many endpoints are in each state: the one source the Health panel's summary, the status
 * bar and the navigator all read, so they never disagree.
 */
public record HealthCounts(int up, int degraded, int down, int unknown) {

    public static final HealthCounts NONE = new HealthCounts(0, 0, 0, 0);

    public int total() {
        return up + degraded + down + unknown;
    }

    /** "1 up, 1 degraded, 2 down" (states with none left out, "not checked yet" before any check). */
    public String shortText() {
        if (total() == 0 || unknown == total()) {
            return "not checked yet";
        }
        StringBuilder text = new StringBuilder();
        append(text, up, "up");
        append(text, degraded, "degraded");
        append(text, down, "down");
        append(text, unknown, "not checked");
        return text.toString();
    }

    /** "4 endpoints: 1 up, 1 degraded, 2 down". */
    public String text() {
        return total() + (total() == 1 ? " endpoint: " : " endpoints: ") + shortText();
    }

    private static void append(StringBuilder text, int n, String state) {
        if (n > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(n).append(' ').append(state);
        }
    }
}
