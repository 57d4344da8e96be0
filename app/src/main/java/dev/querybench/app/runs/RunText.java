package dev.querybench.app.runs;

import java.time.Duration;
import java.util.Locale;

/** Wording the run screen's parts share: counts of things, the item tally and durations. */
final class RunText {

    private RunText() {
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "34/108 · pass 20 · fail 12 · error 2". */
    static String counts(int done, int total, int passed, int failed, int errors) {
        return done + "/" + total + " · pass " + passed + " · fail " + failed + " · error " + errors;
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
}
