package dev.querybench.engine.cli;

import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.sql.DefogComparator;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.PerDatabaseEvaluator;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SpiderComparator;
import dev.querybench.engine.evaluation.sql.SpiderPredictions;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.CellSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code score} prints: accuracy with its interval over the items judged, the errors kept out
 * of it by kind (dataset errors: the question's database is unknown, missing or unusable; gold
 * errors: its gold query fails), and the flags worth a look. No model is involved, so nothing about
 * tokens or prices.
 */
final class ScoreSummary {

    private static final int LISTED = 10;

    private final PrintWriter out;

    ScoreSummary(PrintWriter out) {
        this.out = out;
    }

    void print(RunResults results, MatchMode mode, boolean keepDistinct, boolean plugValue) {
        out.println("Mode: " + mode.id() + (mode == MatchMode.SPIDER && keepDistinct ? " --keep-distinct" : "")
                + (mode == MatchMode.SPIDER && plugValue ? " --plug-value" : "") + " (" + describe(mode) + ")");
        for (CellSummary c : results.cells()) {
            String accuracy = Double.isNaN(c.accuracy().value()) ? "n/a"
                    : String.format("%.1f%% [%.1f, %.1f]", 100 * c.accuracy().value(), 100 * c.accuracy().low(),
                            100 * c.accuracy().high());
            out.printf("%d items: %d pass, %d fail, %d error; accuracy %s (95%% Wilson interval, errors excluded)%n",
                    c.items(), c.passed(), c.failed(), c.errors(), accuracy);
        }
        List<ItemResult> items = results.items();
        List<String> dataset = ids(items, i -> i.outcome() == Outcome.ERROR
                && i.verdict().flags().contains(PerDatabaseEvaluator.FLAG_DATASET_ERROR));
        List<String> gold = ids(items, i -> i.outcome() == Outcome.ERROR
                && i.verdict().flags().contains(SqlExecutionEvaluator.FLAG_GOLD_ERROR));
        long otherErrors = items.stream().filter(i -> i.outcome() == Outcome.ERROR).count() - dataset.size()
                - gold.size();
        out.println("Errors (excluded from accuracy): " + dataset.size() + " dataset errors (database unknown, missing"
                + " or unusable)" + listed(dataset) + ", " + gold.size() + " gold errors (gold SQL fails)" + listed(gold)
                + (otherErrors > 0 ? ", " + otherErrors + " other" : ""));
        printDatasetProblems(items);
        long vacuous = items.stream().filter(i -> i.outcome() == Outcome.PASS
                && i.verdict().flags().contains(ResultComparator.FLAG_VACUOUS)).count();
        long ambiguous = items.stream().filter(i -> i.verdict().flags().contains(
                SqlExecutionEvaluator.FLAG_AMBIGUOUS_GOLD)).count();
        StringBuilder flags = new StringBuilder("Vacuous passes (both results empty): " + vacuous
                + " · ambiguous gold (LIMIT ties): " + ambiguous);
        List<String> quirkPasses = ids(items, i -> i.outcome() == Outcome.PASS
                && i.verdict().flags().contains(SpiderComparator.FLAG_OFFICIAL_QUIRK));
        List<String> quirkFails = ids(items, i -> i.outcome() != Outcome.PASS
                && i.verdict().flags().contains(SpiderComparator.FLAG_OFFICIAL_QUIRK));
        if (mode.official()) {
            flags.append(" · passes only an official quirk allows (doubtful): ").append(quirkPasses.size())
                    .append(listed(quirkPasses)).append(" · fails only an official quirk causes: ")
                    .append(quirkFails.size()).append(listed(quirkFails));
        }
        if (mode == MatchMode.DEFOG) {
            long exact = items.stream().filter(i -> i.verdict().flags().contains(DefogComparator.FLAG_EXACT)).count();
            flags.append(" · exact matches: ").append(exact);
        }
        if (plugValue && mode == MatchMode.SPIDER) {
            long plugged = items.stream().filter(i -> i.verdict().flags().contains(SpiderPredictions.FLAG_PLUGGED))
                    .count();
            flags.append(" · passes with gold's values plugged in: ").append(plugged);
        }
        out.println(flags);
        out.flush();
    }

    /** Each database problem once, as every failure is shown (what, where, then the fix), with its questions. */
    private void printDatasetProblems(List<ItemResult> items) {
        Map<Explanation, List<String>> problems = new LinkedHashMap<>();
        for (ItemResult i : items) {
            if (i.outcome() == Outcome.ERROR && i.error() != null
                    && i.verdict().flags().contains(PerDatabaseEvaluator.FLAG_DATASET_ERROR)) {
                problems.computeIfAbsent(i.error(), e -> new ArrayList<>()).add(i.key().questionId());
            }
        }
        problems.forEach((problem, ids) -> out.println("  dataset error: " + problem.headline() + " — questions"
                + listed(ids) + (problem.fix().isBlank() ? "" : System.lineSeparator() + "    → " + problem.fix())));
    }

    void printDifferences(RunResults a, RunResults b, MatchMode ma, MatchMode mb) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < a.items().size(); i++) {
            ItemResult x = a.items().get(i);
            ItemResult y = b.items().get(i);
            if (x.outcome() != y.outcome()) {
                lines.add(String.format("  %-10s %s: %-5s (%s)   %s: %-5s (%s)", x.key().questionId(), ma.id(),
                        x.outcome(), reason(x), mb.id(), y.outcome(), reason(y)));
            }
        }
        out.println();
        out.println("Items judged differently by " + ma.id() + " and " + mb.id() + ": " + lines.size());
        lines.forEach(out::println);
        out.flush();
    }

    private static String describe(MatchMode mode) {
        return switch (mode) {
            case STRICT -> "ours: bags of rows, order when gold's outermost query orders, columns may be permuted";
            case SET -> "ours: sets of rows, columns in order";
            case SUBSET -> "ours: every gold column must match a distinct predicted column";
            case SPIDER -> "the Spider test-suite evaluator's exec_eval.py, quirks included";
            case DEFOG -> "defog sql-eval's compare_query_results, quirks included";
            case BIRD -> "BIRD's evaluation_ex.py: set of rows, exact values";
        } + "; docs/evaluation.md";
    }

    private static String reason(ItemResult item) {
        String flags = item.verdict().flags().isEmpty() ? "" : " [" + String.join(", ", item.verdict().flags()) + "]";
        return item.verdict().reason() + flags;
    }

    private static List<String> ids(List<ItemResult> items, java.util.function.Predicate<ItemResult> which) {
        return items.stream().filter(which).map(i -> i.key().questionId()).toList();
    }

    private static String listed(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", ids.subList(0, Math.min(LISTED, ids.size())))
                + (ids.size() > LISTED ? ", …" : "") + ")";
    }
}
