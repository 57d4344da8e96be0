package dev.querybench.app.text;

import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.model.ModelProvider;
import dev.querybench.engine.model.ModelProviders;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the workbench words counts and engine messages: "1 column" and "2 columns", sentences
 * that start with a capital, and providers by their own names (OpenAI, not "Openai").
 */
public final class Wording {

    /** Each registered provider's id with its own name. */
    private static final Map<String, String> PROVIDERS = ModelProviders.all().stream()
            .collect(Collectors.toUnmodifiableMap(ModelProvider::id, ModelProvider::displayName));
    private static final Pattern LEADING_PROVIDER = Pattern.compile("(?i)^(" + PROVIDERS.keySet().stream()
            .map(Pattern::quote).collect(Collectors.joining("|")) + ")(?=[:\\s]|$)");

    private Wording() {}

    /** "1 column", "3 columns", "1 stored run"; {@code noun} is the singular, made plural with an s. */
    public static String plural(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** A provider's own name: {@code openai} → OpenAI; unknown ids come back as they are. */
    public static String provider(String id) {
        return id == null ? "" : PROVIDERS.getOrDefault(id.toLowerCase(Locale.ROOT), id);
    }

    /**
     * An engine message (lower case for the CLI) as a sentence: a leading provider id becomes the
     * provider's name, anything else gets a capital unless it reads as a literal (a URL, a path,
     * {@code jdbc:…}, an identifier with a dot or underscore).
     */
    public static String sentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        Matcher provider = LEADING_PROVIDER.matcher(text);
        if (provider.find()) {
            return provider(provider.group(1)) + text.substring(provider.end());
        }
        String firstWord = text.split("[\\s:/]", 2)[0];
        boolean literal = text.startsWith("jdbc:") || text.startsWith("http") || firstWord.contains(".")
                || firstWord.contains("_") || firstWord.startsWith("$");
        return literal ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * A failure worded for the workbench: its what and fix as sentences ending in a full stop,
     * its place unchanged.
     */
    public static Explanation sentences(Explanation problem) {
        return new Explanation(fullSentence(problem.what()), problem.where(), fullSentence(problem.fix()));
    }

    /** {@link #sentence}, ending in a full stop unless it already ends a sentence; "" for blank text. */
    public static String fullSentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String s = sentence(text.strip());
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
    }
}
