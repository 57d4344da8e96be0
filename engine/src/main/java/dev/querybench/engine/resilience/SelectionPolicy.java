package dev.querybench.engine.resilience;

import dev.querybench.engine.config.PriceTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which member of a fallback chain is asked first for the next item, and in which order the
 * rest follow. In-order selection keeps the chain's order, so a primary whose breaker is open is
 * passed over (without a call) and counted as a fallback. Quality and cost selection choose among
 * healthy members (breaker closed) and put unhealthy ones last, in chain order, where their
 * breakers can still let trial calls through. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface SelectionPolicy {

    /** Items a model must have answered before cost selection holds its accuracy against the floor. */
    int MINIMUM_SAMPLES = 5;

    /** The members of {@code chain} in the order to try them. */
    List<Endpoint> order(List<Endpoint> chain, Scoreboard scores);

    /** Primary first, then the fallbacks as listed. */
    static SelectionPolicy inOrder() {
        return (chain, scores) -> chain;
    }

    /** The healthy model with the best accuracy so far in the run first (untried models rank at one half). */
    static SelectionPolicy qualityBased() {
        return (chain, scores) -> healthyFirst(chain,
                Comparator.comparingDouble((Endpoint e) -> scores.smoothedAccuracy(e.spec().toString())).reversed());
    }

    /**
     * The cheapest healthy model whose accuracy so far is at least {@code qualityFloor} first
     * (a model with fewer than {@link #MINIMUM_SAMPLES} judged items is given the benefit of the
     * doubt); models below the floor follow in chain order. Models without a price rank last.
     */
    static SelectionPolicy costOptimised(PriceTable prices, double qualityFloor) {
        return (chain, scores) -> {
            Comparator<Endpoint> byFloor = Comparator.comparing((Endpoint e) -> !meetsFloor(e, scores, qualityFloor));
            Comparator<Endpoint> byPrice = Comparator.comparing((Endpoint e) -> prices.price(e.spec())
                    .map(PriceTable.Price::blended).orElse(null), Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()));
            return healthyFirst(chain, byFloor.thenComparing((a, b) -> meetsFloor(a, scores, qualityFloor)
                    ? byPrice.compare(a, b) : 0));
        };
    }

    private static boolean meetsFloor(Endpoint e, Scoreboard scores, double floor) {
        String spec = e.spec().toString();
        return scores.judged(spec) < MINIMUM_SAMPLES || scores.accuracy(spec).orElse(1.0) >= floor;
    }

    /** Healthy members sorted by {@code preference} (stable: ties keep chain order), then the others in chain order. */
    private static List<Endpoint> healthyFirst(List<Endpoint> chain, Comparator<Endpoint> preference) {
        List<Endpoint> healthy = new ArrayList<>();
        List<Endpoint> unhealthy = new ArrayList<>();
        for (Endpoint e : chain) {
            (e.healthy() ? healthy : unhealthy).add(e);
        }
        healthy.sort(preference);
        healthy.addAll(unhealthy);
        return healthy;
    }
}
