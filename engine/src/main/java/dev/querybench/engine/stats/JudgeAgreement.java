package dev.querybench.engine.stats;

import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the LLM judge compares with the execution match, per (variant, model) cell. The useful
 * part for users is the disagreement: items the execution match failed but the judge calls
 * equivalent are candidates for gold review (a second acceptable answer, or a wrong gold).
 * Stateless.
 */
public final class JudgeAgreement {

    /**
     * The judge's figures for one cell.
     *
     * @param variant prompt variant
     * @param model model profile
     * @param judged items with a judge verdict (ERROR included)
     * @param comparable items where both the judge and the execution match gave a definite answer
     * @param agreed comparable items where they said the same
     * @param equivalent items the judge called equivalent
     * @param notEquivalent items the judge called not equivalent
     * @param unsure items the judge was unsure about
     * @param errors items with no judge verdict (the judge model failed, or answered malformed twice)
     * @param failJudgedEquivalent items (as {@code question} or {@code question#repeat}) the execution match failed
     *     but the judge calls equivalent: candidates for gold review
     * @param passJudgedNotEquivalent items that passed the execution match but the judge calls not equivalent
     * @param inputTokens judge prompt tokens in total
     * @param outputTokens judge completion tokens in total
     * @param cost what the judge cost for this cell in US dollars, or null when the judge model has no price
     * @param latencyP50Ms median time the judge took per item (its calls, a retry included), in milliseconds
     * @param latencyP95Ms 95th percentile of that time, in milliseconds
     */
    public record CellAgreement(String variant, String model, int judged, int comparable, int agreed, int equivalent,
            int notEquivalent, int unsure, int errors, List<String> failJudgedEquivalent,
            List<String> passJudgedNotEquivalent, long inputTokens, long outputTokens, BigDecimal cost,
            long latencyP50Ms, long latencyP95Ms) {

        public CellAgreement {
            failJudgedEquivalent = List.copyOf(failJudgedEquivalent);
            passJudgedNotEquivalent = List.copyOf(passJudgedNotEquivalent);
        }

        /** Agreed over comparable items, or NaN when nothing was comparable. */
        public double rate() {
            return comparable == 0 ? Double.NaN : (double) agreed / comparable;
        }

        /** Such as "judge agrees with execution on 47/50". */
        public String describe() {
            return "judge agrees with execution on " + agreed + "/" + comparable;
        }

        /** Such as "judge latency p50 420 ms, p95 1310 ms". */
        public String describeLatency() {
            return "judge latency p50 " + latencyP50Ms + " ms, p95 " + latencyP95Ms + " ms";
        }
    }

    /** One entry per cell that has at least one judged item, in order of first appearance. */
    public List<CellAgreement> cells(Collection<ItemResult> items) {
        Map<List<String>, List<ItemResult>> byCell = new LinkedHashMap<>();
        for (ItemResult item : items) {
            if (item.judge() != null) {
                byCell.computeIfAbsent(List.of(item.key().variant(), item.key().model()), k -> new ArrayList<>())
                        .add(item);
            }
        }
        List<CellAgreement> cells = new ArrayList<>();
        byCell.forEach((cell, judged) -> cells.add(cell(cell.get(0), cell.get(1), judged)));
        return cells;
    }

    /** All execution-FAIL items the judge calls equivalent, over every cell. */
    public int failJudgedEquivalent(Collection<ItemResult> items) {
        return (int) items.stream().filter(JudgeAgreement::failButEquivalent).count();
    }

    private static CellAgreement cell(String variant, String model, List<ItemResult> items) {
        int comparable = 0;
        int agreed = 0;
        int[] decisions = new int[JudgeVerdict.Decision.values().length];
        List<String> failEquivalent = new ArrayList<>();
        List<String> passNotEquivalent = new ArrayList<>();
        long in = 0;
        long out = 0;
        BigDecimal cost = BigDecimal.ZERO;
        List<Long> latencies = new ArrayList<>();
        for (ItemResult item : items) {
            JudgeVerdict j = item.judge();
            latencies.add(j.latencyMs());
            decisions[j.decision().ordinal()]++;
            Optional<Boolean> agrees = j.agreesWith(item.outcome());
            if (agrees.isPresent()) {
                comparable++;
                agreed += agrees.get() ? 1 : 0;
            }
            String label = item.key().repeat() == 0 ? item.key().questionId()
                    : item.key().questionId() + "#" + item.key().repeat();
            if (failButEquivalent(item)) {
                failEquivalent.add(label);
            } else if (item.outcome() == Outcome.PASS && j.decision() == JudgeVerdict.Decision.NOT_EQUIVALENT) {
                passNotEquivalent.add(label);
            }
            in += j.usage().inputTokens();
            out += j.usage().outputTokens();
            cost = cost == null || j.cost() == null ? null : cost.add(j.cost());
        }
        latencies.sort(null);
        return new CellAgreement(variant, model, items.size(), comparable, agreed,
                decisions[JudgeVerdict.Decision.EQUIVALENT.ordinal()],
                decisions[JudgeVerdict.Decision.NOT_EQUIVALENT.ordinal()],
                decisions[JudgeVerdict.Decision.UNSURE.ordinal()], decisions[JudgeVerdict.Decision.ERROR.ordinal()],
                failEquivalent, passNotEquivalent, in, out, cost, RunSummary.percentile(latencies, 0.50),
                RunSummary.percentile(latencies, 0.95));
    }

    private static boolean failButEquivalent(ItemResult item) {
        return item.judge() != null && item.outcome() == Outcome.FAIL
                && item.judge().decision() == JudgeVerdict.Decision.EQUIVALENT;
    }
}
