package dev.querybench.engine.stats;

import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-cell figures of a run, computed from its items. Stateless. */
public final class RunSummary {

    /** Cells in order of first appearance of each (variant, model) pair. */
    public List<CellSummary> cells(Collection<ItemResult> items) {
        Map<List<String>, List<ItemResult>> byCell = new LinkedHashMap<>();
        for (ItemResult item : items) {
            byCell.computeIfAbsent(List.of(item.key().variant(), item.key().model()), k -> new ArrayList<>()).add(item);
        }
        List<CellSummary> cells = new ArrayList<>();
        for (Map.Entry<List<String>, List<ItemResult>> e : byCell.entrySet()) {
            cells.add(cell(e.getKey().get(0), e.getKey().get(1), e.getValue()));
        }
        return cells;
    }

    private static CellSummary cell(String variant, String model, List<ItemResult> items) {
        int pass = 0;
        int fail = 0;
        int error = 0;
        long in = 0;
        long out = 0;
        int retries = 0;
        int fallbacks = 0;
        int fallbackItems = 0;
        int cached = 0;
        BigDecimal cost = BigDecimal.ZERO;
        Map<String, Integer> answeredBy = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (ItemResult item : items) {
            retries += item.provenance().retries();
            fallbacks += item.provenance().fallbacks();
            fallbackItems += item.provenance().fallbacks() > 0 ? 1 : 0;
            cached += item.provenance().cached() ? 1 : 0;
            cost = cost == null || item.cost() == null ? null : cost.add(item.cost());
            if (!item.provenance().answeredBy().isEmpty()) {
                answeredBy.merge(item.provenance().answeredBy(), 1, Integer::sum);
            }
            switch (item.outcome()) {
                case PASS -> pass++;
                case FAIL -> fail++;
                case ERROR -> error++;
            }
            in += item.usage().inputTokens();
            out += item.usage().outputTokens();
            if (item.outcome() != Outcome.ERROR || item.answer() != null) {
                latencies.add(item.latencyMs());
            }
        }
        latencies.sort(null);
        Map<String, Integer> byCount = new LinkedHashMap<>();
        answeredBy.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byCount.put(e.getKey(), e.getValue()));
        return new CellSummary(variant, model, items.size(), pass, fail, error, Accuracy.of(pass, pass + fail),
                percentile(latencies, 0.50), percentile(latencies, 0.95), in, out, retries, fallbacks, fallbackItems,
                byCount, cached, cost);
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
