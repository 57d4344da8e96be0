package dev.querybench.engine.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands defog sql-eval's gold notation into plain alternative queries, as its
 * {@code get_all_minimal_queries} does (docs/evaluation.md, "defog"): the text is split at every
 * {@code ;}; in each part, the first {@code {a,b}} becomes every non-empty combination of its
 * options (in {@code itertools.combinations} order, joined with ", ", options as written), and
 * {@code GROUP BY {}} groups by the options chosen. Only the first set of a part is expanded, as
 * officially. Stateless and thread-safe.
 */
public final class ColumnSetExpander {

    /** Every alternative query the gold text stands for, in sql-eval's order. */
    public List<String> minimalQueries(String gold) {
        List<String> out = new ArrayList<>();
        for (String part : gold.split(";", -1)) {
            String query = part.strip();
            if (!query.isEmpty()) {
                out.addAll(expand(query));
            }
        }
        return out;
    }

    /** One part's alternatives: itself, or one query per combination of its first column set. */
    public List<String> expand(String query) {
        int start = query.indexOf('{');
        int end = start < 0 ? -1 : query.indexOf('}', start + 1);
        if (start < 0 || end < 0) {
            return List.of(query);
        }
        String[] options = query.substring(start + 1, end).split(",", -1);
        List<String> out = new ArrayList<>();
        for (int r = 1; r <= options.length; r++) {
            combinations(options, r, 0, new ArrayList<>(), chosen -> {
                String columns = String.join(", ", chosen);
                String right = query.substring(end + 1).replace("GROUP BY {}", "GROUP BY " + columns);
                out.add(query.substring(0, start) + columns + right);
            });
        }
        return out;
    }

    private static void combinations(String[] options, int r, int from, List<String> chosen,
            java.util.function.Consumer<List<String>> each) {
        if (chosen.size() == r) {
            each.accept(chosen);
            return;
        }
        for (int i = from; i < options.length; i++) {
            chosen.add(options[i]);
            combinations(options, r, i + 1, chosen, each);
            chosen.removeLast();
        }
    }
}
