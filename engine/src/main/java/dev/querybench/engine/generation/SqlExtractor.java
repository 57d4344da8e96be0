package dev.querybench.engine.generation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the SQL in a model's answer: the first {@code ```sql} block, else the first fenced
 * block, else the answer from its first SELECT or WITH. Stateless and thread-safe.
 */
public final class SqlExtractor {

    private static final Pattern SQL_FENCE = Pattern.compile("```[ \\t]*(?:sql|sqlite|postgresql|postgres|mysql|trino)[ \\t]*\\r?\\n(.*?)```",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_FENCE = Pattern.compile("```[^\\n`]*\\r?\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern UNCLOSED_FENCE = Pattern.compile("```[^\\n`]*\\r?\\n(.*)$", Pattern.DOTALL);
    private static final Pattern BARE_START = Pattern.compile("(?im)^\\s*(select|with)\\b");

    /** The SQL, trimmed and without a trailing semicolon, or empty when the answer holds none. */
    public Optional<String> extract(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        for (Pattern fence : new Pattern[] {SQL_FENCE, ANY_FENCE, UNCLOSED_FENCE}) {
            Matcher m = fence.matcher(answer);
            if (m.find()) {
                return clean(m.group(1));
            }
        }
        Matcher bare = BARE_START.matcher(answer);
        if (bare.find()) {
            String rest = answer.substring(bare.start());
            int blank = rest.indexOf("\n\n");
            return clean(blank < 0 ? rest : rest.substring(0, blank));
        }
        return Optional.empty();
    }

    private static Optional<String> clean(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("sql\n") ? Optional.of(s.substring(4).strip()) : Optional.of(s);
    }
}
