package dev.querybench.engine.resilience;

import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accuracy so far in one run, per model that really answered (by spec), fed by the run's
 * finished items: what quality-based and cost-optimised selection decide on. ERROR items are
 * not judged and do not count. Thread-safe.
 */
public final class Scoreboard implements RunListener {

    private record Tally(int passed, int judged) {
        Tally plus(boolean pass) {
            return new Tally(passed + (pass ? 1 : 0), judged + 1);
        }
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    /** Counts one judged answer of {@code answeredBy}. */
    public void record(String answeredBy, Outcome outcome) {
        if (answeredBy == null || answeredBy.isEmpty() || outcome == Outcome.ERROR) {
            return;
        }
        tallies.merge(answeredBy, new Tally(0, 0).plus(outcome == Outcome.PASS), (a, b) -> new Tally(
                a.passed + b.passed, a.judged + b.judged));
    }

    /** Items of {@code spec} judged so far. */
    public int judged(String spec) {
        Tally t = tallies.get(spec);
        return t == null ? 0 : t.judged;
    }

    /** Accuracy of {@code spec} so far, empty before any judged item. */
    public OptionalDouble accuracy(String spec) {
        Tally t = tallies.get(spec);
        return t == null || t.judged == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) t.passed / t.judged);
    }

    /**
     * Accuracy with one imagined pass and one imagined fail added (Laplace), so a model not yet
     * tried ranks at one half rather than at zero or one.
     */
    public double smoothedAccuracy(String spec) {
        Tally t = tallies.getOrDefault(spec, new Tally(0, 0));
        return (t.passed + 1.0) / (t.judged + 2.0);
    }

    @Override
    public void itemFinished(ItemResult item, RunProgress progress) {
        record(item.provenance().answeredBy(), item.outcome());
    }
}
