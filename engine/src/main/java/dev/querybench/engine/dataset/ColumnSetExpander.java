package dev.querybench.engine.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands defog sql-eval's column-set notation into plain alternative queries: each
 * {@code {a, b}} becomes every non-empty subset of its columns, and {@code GROUP BY {}} groups by
 * the columns chosen. With several sets, every combination of their subsets is produced.
 * Stateless and thread-safe.
 */
public final class ColumnSetExpander {

    private static final Pattern SET = Pattern.compile("\\{([^{}]*)}");

    public List<String> expand(String query) {
        List<List<String>> sets = new ArrayList<>();
        Matcher m = SET.matcher(query);
        while (m.find()) {
            if (!m.group(1).isBlank()) {
                sets.add(List.of(m.group(1).split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
            }
        }
        if (sets.isEmpty()) {
            return List.of(query);
        }
        List<List<List<String>>> choices = new ArrayList<>();
        choices.add(List.of());
        for (List<String> set : sets) {
            List<List<List<String>>> next = new ArrayList<>();
            for (List<List<String>> prefix : choices) {
                for (List<String> subset : nonEmptySubsets(set)) {
                    List<List<String>> extended = new ArrayList<>(prefix);
                    extended.add(subset);
                    next.add(extended);
                }
            }
            choices = next;
        }
        List<String> queries = new ArrayList<>();
        for (List<List<String>> choice : choices) {
            queries.add(fill(query, choice));
        }
        return queries;
    }

    private static String fill(String query, List<List<String>> choice) {
        List<String> all = choice.stream().flatMap(List::stream).toList();
        StringBuilder out = new StringBuilder();
        Matcher m = SET.matcher(query);
        int next = 0;
        while (m.find()) {
            String replacement = m.group(1).isBlank() ? String.join(", ", all) : String.join(", ", choice.get(next++));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<List<String>> nonEmptySubsets(List<String> set) {
        List<List<String>> subsets = new ArrayList<>();
        for (int mask = 1; mask < (1 << set.size()); mask++) {
            List<String> subset = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    subset.add(set.get(i));
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }
}
