package dev.querybench.engine.validation;

import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.Dialect;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The URL options each engine's JDBC driver understands ({@link
 * dev.querybench.engine.db.DatabaseEngine#driverOptions()}), to catch typos before connecting.
 */
final class DriverOptions {


    private DriverOptions() {}

    static Set<String> known(Dialect dialect) {
        return DatabaseBackends.engine(dialect).driverOptions();
    }

    static boolean isKnown(Dialect dialect, String option) {
        return known(dialect).stream().anyMatch(k -> k.equalsIgnoreCase(option));
    }

    /** The known option closest to a misspelt one, when one is close. */
    static Optional<String> closest(Dialect dialect, String option) {
        record Candidate(String name, int distance) {}
        String lower = option.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, option.length() / 3));
        return known(dialect).stream()
                .map(k -> new Candidate(k, distance(lower, k.toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance() <= allowed)
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::name);
    }

    static List<String> sample(Dialect dialect) {
        return known(dialect).stream().sorted(String.CASE_INSENSITIVE_ORDER).limit(12).toList();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
