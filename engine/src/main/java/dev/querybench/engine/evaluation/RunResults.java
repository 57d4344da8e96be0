package dev.querybench.engine.evaluation;

import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.stats.CellSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A run's items in plan order (question, then variant, then model) and per-cell figures.
 *
 * @param run the run as stored
 * @param items finished items in plan order
 * @param cells per (variant, model) figures
 * @param modelCalls model calls made by this attempt (0 for items restored from the store)
 * @param unanswered items no model answered in this attempt (provider down, rate limited past the run's
 *     patience, breaker open), in plan order: neither stored nor judged, asked again on resume
 * @param privilegedAccounts one line per database whose untrusted SQL ran under a privileged account
 *     because its profile opted in ({@code allowPrivilegedAccount: true}): which database, which account
 *     and what it may do; empty when every database ran under a reader
 */
public record RunResults(RunRecord run, List<ItemResult> items, List<CellSummary> cells, int modelCalls,
        List<Unanswered> unanswered, List<String> privilegedAccounts) {

    /**
     * An item no model answered.
     *
     * @param key the item
     * @param cause why, as the provider's failure explains it
     * @param remedy what to do about it
     */
    public record Unanswered(ItemKey key, String cause, String remedy) {

        /** The cause and its remedy, as every surface shows a failure. */
        public dev.querybench.engine.errors.Explanation explanation() {
            return new dev.querybench.engine.errors.Explanation(cause, "", remedy);
        }
    }

    public RunResults {
        items = List.copyOf(items);
        cells = List.copyOf(cells);
        unanswered = unanswered == null ? List.of() : List.copyOf(unanswered);
        privilegedAccounts = privilegedAccounts == null ? List.of() : List.copyOf(privilegedAccounts);
    }

    /** Results whose databases all ran under reader accounts. */
    public RunResults(RunRecord run, List<ItemResult> items, List<CellSummary> cells, int modelCalls,
            List<Unanswered> unanswered) {
        this(run, items, cells, modelCalls, unanswered, List.of());
    }

    /** These results, saying that untrusted SQL ran under the given privileged accounts. */
    public RunResults withPrivilegedAccounts(List<String> lines) {
        return new RunResults(run, items, cells, modelCalls, unanswered, lines);
    }

    /**
     * The warning every report shows when untrusted SQL ran under a privileged account by opt-in, else empty.
     */
    public String privilegedWarning() {
        return privilegedWarning(privilegedAccounts);
    }

    /** The warning for these privileged-account lines ({@link #privilegedAccounts()}), or empty for none. */
    public static String privilegedWarning(List<String> privilegedAccounts) {
        return privilegedAccounts.isEmpty() ? "" : "WARNING: untrusted SQL ran under a privileged"
                + " account, so the database did not hold it to reading: "
                + String.join(" | ", privilegedAccounts);
    }

    /** Results without unanswered items. */
    public RunResults(RunRecord run, List<ItemResult> items, List<CellSummary> cells, int modelCalls) {
        this(run, items, cells, modelCalls, List.of());
    }

    public boolean complete() {
        return items.size() == run.plannedItems();
    }

    /** Items answered (stored with a verdict) out of {@link RunRecord#plannedItems()}. */
    public int answered() {
        return items.size();
    }

    /**
     * "answered n of N" when some planned items have no answer, else empty: what summaries and
     * reports say so that an incomplete run never reads as a finished one.
     */
    public String answeredLine() {
        return complete() ? "" : "answered " + items.size() + " of " + run.plannedItems();
    }

    /**
     * The most frequent cause among unanswered items, or empty.
     */
    public java.util.Optional<Unanswered> mainCause() {
        return unanswered.stream().collect(java.util.stream.Collectors.groupingBy(Unanswered::cause,
                java.util.LinkedHashMap::new, java.util.stream.Collectors.toList())).values().stream()
                .max(java.util.Comparator.comparingInt(List::size)).map(List::getFirst);
    }

    /**
     * What the run cost in US dollars: the answers plus the LLM judge's calls ({@link #judgeCost()});
     * null when a model that answered, or the judge model, has no price.
     */
    public BigDecimal cost() {
        BigDecimal total = generationCost();
        BigDecimal judge = judgeCost();
        return total == null || judge == null ? null : total.add(judge);
    }

    /** What the run's answers cost in US dollars (the judge left out), or null when a model that answered has no price. */
    public BigDecimal generationCost() {
        BigDecimal total = BigDecimal.ZERO;
        for (CellSummary cell : cells) {
            if (cell.cost() == null) {
                return null;
            }
            total = total.add(cell.cost());
        }
        return total;
    }

    /** What the LLM judge's calls cost in US dollars (zero without a judge), or null when the judge model has no price. */
    public BigDecimal judgeCost() {
        BigDecimal total = BigDecimal.ZERO;
        for (ItemResult item : items) {
            if (item.judge() != null) {
                if (item.judge().cost() == null) {
                    return null;
                }
                total = total.add(item.judge().cost());
            }
        }
        return total;
    }

    /** Run cost divided by correct answers over all cells; null when unknown or nothing was correct. */
    public BigDecimal costPerCorrect() {
        BigDecimal total = cost();
        int passed = cells.stream().mapToInt(CellSummary::passed).sum();
        return total == null || passed == 0 ? null
                : total.divide(BigDecimal.valueOf(passed), 8, RoundingMode.HALF_UP);
    }
}
