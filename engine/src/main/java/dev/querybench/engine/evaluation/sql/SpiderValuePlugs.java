package dev.querybench.engine.evaluation.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spider evaluator's {@code --plug_value}: for models that do not predict values, every way of
 * putting gold's literal values into the prediction's value slots is tried, and the prediction
 * passes if any one does. Reproduces its {@code parse.py} steps: the query is re-tokenized (see
 * {@link SqlparseTokens}) and re-joined with single spaces, semicolons and tabs dropped; string
 * literals, then tokens that are decimal numbers, then tokens that are integers not right after a
 * "t" or "T" (table aliases such as T1) become slots; every other token is lower-cased. Gold's
 * values are the set of those literals. Candidates come in the official order after the
 * prediction itself. Stateless and thread-safe.
 */
public final class SpiderValuePlugs {

    /** Candidates tried at most per prediction (the official evaluator tries every combination). */
    public static final int MAX_CANDIDATES = 100_000;

    private static final String SLOT = "VALUERARE";
    private static final String SLOT_LOWER = "valuerare";
    private static final Pattern FLOAT = Pattern.compile("[-+]?\\d*\\.\\d+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern INTEGER = Pattern.compile("[^tT]\\d+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ALIAS_DOT = Pattern.compile("[Tt]\\d+\\.", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ALIAS_SPACE = Pattern.compile("(T\\d+\\.)\\s", Pattern.UNICODE_CHARACTER_CLASS);

    /** A query split into lower-cased tokens and value slots, with the literal values found. */
    record Extracted(List<String> tokens, List<String> values) {
        int slots() {
            return (int) tokens.stream().filter(SLOT_LOWER::equals).count();
        }
    }

    /**
     * The candidates to try after the prediction itself, without repeats, at most
     * {@link #MAX_CANDIDATES}.
     */
    public List<String> candidates(String gold, String prediction) {
        Set<String> goldValues = new LinkedHashSet<>(extract(gold).values());
        Extracted predicted = extract(prediction);
        int slots = predicted.slots();
        List<String> values = List.copyOf(goldValues);
        Set<String> out = new LinkedHashSet<>();
        if (slots > 0 && values.isEmpty()) {
            return List.of();
        }
        int[] choice = new int[slots];
        while (out.size() < MAX_CANDIDATES) {
            out.add(plug(predicted.tokens(), values, choice));
            int k = slots - 1;
            while (k >= 0 && ++choice[k] == values.size()) {
                choice[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        return List.copyOf(out);
    }

    private static String plug(List<String> tokens, List<String> values, int[] choice) {
        StringBuilder out = new StringBuilder();
        int slot = 0;
        for (String t : tokens) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(t.equals(SLOT_LOWER) ? values.get(choice[slot++]) : t);
        }
        return out.toString();
    }

    /** {@code extract_query_values}: the query's tokens with slots, and its values in order of discovery. */
    Extracted extract(String sql) {
        String query = reformat(sql);
        query = ALIAS_SPACE.matcher(query).replaceAll("$1");
        List<String> values = new ArrayList<>();
        for (SqlparseTokens.Token t : SqlparseTokens.firstStatement(query)) {
            if (t.kind() == SqlparseTokens.Kind.STRING_SINGLE || t.kind() == SqlparseTokens.Kind.STRING_SYMBOL) {
                values.add(t.text());
            }
        }
        for (String value : List.copyOf(values)) {
            query = query.replace(value.strip(), SLOT);
        }
        List<String> tokens = new ArrayList<>(List.of(pythonSplit(query)));
        Set<String> floats = findAll(FLOAT, query, false);
        replaceMatching(tokens, floats, values);
        Set<String> integers = findAll(INTEGER, String.join(" ", tokens), true);
        replaceMatching(tokens, integers, values);
        List<String> keywords = new ArrayList<>();
        for (String tok : tokens) {
            if (tok.contains(".") && ALIAS_DOT.matcher(tok).find()) {
                for (String part : pythonSplit(tok.replace(".", " . "))) {
                    keywords.add(part.toLowerCase(Locale.ROOT));
                }
            } else if (!tok.isEmpty()) {
                keywords.add(tok.toLowerCase(Locale.ROOT));
            }
        }
        return new Extracted(keywords, values);
    }

    /** {@code reformat_query}: semicolons and tabs dropped, tokens joined by single spaces, {@code T1.*} → {@code *}. */
    private static String reformat(String sql) {
        String query = sql.strip().replace(";", "").replace("\t", "");
        StringBuilder joined = new StringBuilder();
        for (SqlparseTokens.Token t : SqlparseTokens.firstStatement(query)) {
            if (t.kind() != SqlparseTokens.Kind.WHITESPACE) {
                if (!joined.isEmpty()) {
                    joined.append(' ');
                }
                joined.append(t.text());
            }
        }
        String out = joined.toString();
        for (String star : new String[] {"t1.*", "t2.*", "t3.*", "T1.*", "T2.*", "T3.*"}) {
            out = out.replace(star, "*");
        }
        return out;
    }

    private static void replaceMatching(List<String> tokens, Set<String> found, List<String> values) {
        for (String t : tokens) {
            if (found.contains(t)) {
                values.add(t);
            }
        }
        tokens.replaceAll(t -> found.contains(t) ? SLOT : t);
    }

    private static Set<String> findAll(Pattern pattern, String text, boolean strip) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(strip ? m.group().strip() : m.group());
        }
        return out;
    }

    /** Python's {@code str.split()}: runs of whitespace separate, none at either end. */
    private static String[] pythonSplit(String s) {
        String stripped = s.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }
}
