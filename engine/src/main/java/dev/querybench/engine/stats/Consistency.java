package dev.querybench.engine.stats;

import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * With repeats, how stable a cell's answers are: per question, the share of repeats that agree
 * with the most common outcome; per cell, the mean over questions. Stateless.
 */
public final class Consistency {

    /**
     * @param variant prompt variant
     * @param model model profile
     * @param mean mean agreement over questions (1.0 = every repeat agreed)
     * @param unstable questions whose repeats disagreed
     */
    public record CellConsistency(String variant, String model, double mean, List<String> unstable) {}

    public List<CellConsistency> of(Collection<ItemResult> items) {
        Map<List<String>, Map<String, int[]>> cells = new LinkedHashMap<>();
        for (ItemResult item : items) {
            if (item.outcome() == Outcome.ERROR) {
                continue;
            }
            int[] counts = cells.computeIfAbsent(List.of(item.key().variant(), item.key().model()),
                    k -> new LinkedHashMap<>()).computeIfAbsent(item.key().questionId(), k -> new int[2]);
            counts[item.outcome() == Outcome.PASS ? 0 : 1]++;
        }
        return cells.entrySet().stream().map(e -> {
            double sum = 0;
            List<String> unstable = new java.util.ArrayList<>();
            for (Map.Entry<String, int[]> q : e.getValue().entrySet()) {
                int[] c = q.getValue();
                sum += (double) Math.max(c[0], c[1]) / (c[0] + c[1]);
                if (c[0] > 0 && c[1] > 0) {
                    unstable.add(q.getKey());
                }
            }
            double mean = e.getValue().isEmpty() ? 1.0 : sum / e.getValue().size();
            return new CellConsistency(e.getKey().get(0), e.getKey().get(1), mean, unstable);
        }).toList();
    }
}
