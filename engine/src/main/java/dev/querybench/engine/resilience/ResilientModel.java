package dev.querybench.engine.resilience;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.cache.ResponseCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model that survives its provider's bad minutes: each call goes to the members of a
 * {@link FallbackChain} in the order the {@link SelectionPolicy} gives, each member with its own
 * retries, circuit breaker and rate limit ({@link Endpoint}); the first answer wins. Before any
 * call, the members' cached answers to the prompt are looked up in the same order, so repeating
 * a finished run asks no model at all; every live answer is cached under the member that gave
 * it. The answer's {@link Provenance} says which model really answered, how many retries and
 * fallbacks it took and whether it came from the cache, so reports never hide a switch. When
 * every member fails, the failure names each one's reason. Thread-safe.
 */
public final class ResilientModel implements ModelAdapter {

    private final FallbackChain chain;
    private final SelectionPolicy selection;
    private final Scoreboard scores;
    private final ResponseCache cache;
    private final Duration patience;
    private volatile long lastAnswerNanos = System.nanoTime();

    /**
     * @param patience how long, without any answer from the chain, calls keep waiting for breakers and rate
     *     limits before they fail
     */
    public ResilientModel(FallbackChain chain, SelectionPolicy selection, Scoreboard scores, ResponseCache cache,
            Duration patience) {
        this.chain = chain;
        this.selection = selection;
        this.scores = scores;
        this.cache = cache;
        this.patience = patience;
    }

    /** A model with the default patience. */
    public ResilientModel(FallbackChain chain, SelectionPolicy selection, Scoreboard scores, ResponseCache cache) {
        this(chain, selection, scores, cache, ResiliencePolicy.DEFAULT_PATIENCE);
    }

    /** A model without a response cache. */
    public ResilientModel(FallbackChain chain, SelectionPolicy selection, Scoreboard scores) {
        this(chain, selection, scores, ResponseCache.disabled());
    }

    /** The primary's spec: the model this chain stands for. */
    @Override
    public ModelSpec spec() {
        return chain.primary().spec();
    }

    public FallbackChain chain() {
        return chain;
    }

    @Override
    public Completion complete(String prompt) {
        return complete(prompt, 0);
    }

    /**
     * Asks the chain. When no member answers but some may answer soon (a breaker about to let a
     * trial call through, a rate limit that lifts), the chain is asked again after that wait, as
     * long as the chain has answered anything within the policy's patience; after that, the
     * failure is thrown.
     */
    @Override
    public Completion complete(String prompt, int repeat) {
        List<Endpoint> order = selection.order(chain.members(), scores);
        Optional<Completion> cached = cached(order, prompt, repeat);
        if (cached.isPresent()) {
            return cached.get();
        }
        int retries = 0;
        Set<Endpoint> called = new HashSet<>();
        while (true) {
            int passedOver = 0;
            List<String> reasons = new ArrayList<>();
            ErrorResponse firstReal = null;
            boolean retryable = false;
            Duration soonest = null;
            for (Endpoint endpoint : order) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted();
                }
                Endpoint.Attempt attempt = endpoint.call(prompt, this::deadline);
                retries += attempt.retries() + (sentAgain(attempt, endpoint, called) ? 1 : 0);
                switch (attempt) {
                    case Endpoint.Answered answered -> {
                        Completion c = answered.completion();
                        lastAnswerNanos = System.nanoTime();
                        cache.put(endpoint.cacheKey(prompt, repeat), c);
                        return c.withProvenance(new Provenance(c.provenance().answeredBy(), retries, passedOver, false));
                    }
                    case Endpoint.Failed failed -> {
                        if (failed.error().category() == ErrorCategory.INTERNAL) {
                            throw new ModelException(failed.error(), null);
                        }
                        reasons.add(endpoint.name() + ": " + failed.error().message());
                        if (firstReal == null && !failed.notCalled()) {
                            firstReal = failed.error();
                        }
                        retryable |= failed.error().retryable();
                        if (failed.askAgainIn() != null && (soonest == null
                                || failed.askAgainIn().compareTo(soonest) < 0)) {
                            soonest = failed.askAgainIn();
                        }
                        passedOver++;
                    }
                }
            }
            if (soonest == null || System.nanoTime() + soonest.toNanos() > deadline()) {
                if (order.size() == 1) {
                    throw new ModelException(firstReal != null ? firstReal : unansweredBy(reasons), null);
                }
                throw new ModelException(everyMemberFailed(reasons, firstReal, retryable), null);
            }
            try {
                Thread.sleep(soonest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted();
            }
            order = selection.order(chain.members(), scores);
        }
    }

    /** The first member's cached answer to this prompt and repeat, in the order the members would be asked. */
    private Optional<Completion> cached(List<Endpoint> order, String prompt, int repeat) {
        for (Endpoint endpoint : order) {
            Optional<Completion> cached = cache.get(endpoint.cacheKey(prompt, repeat));
            if (cached.isPresent()) {
                return cached;
            }
        }
        return Optional.empty();
    }

    /**
     * True when the attempt sent a call to an endpoint this prompt was already sent to: the attempt counts its own
     * repeats, and its first call is a repeat too (a member asked again after a wait is retried, not a fallback).
     */
    private static boolean sentAgain(Endpoint.Attempt attempt, Endpoint endpoint, Set<Endpoint> called) {
        boolean sent = !(attempt instanceof Endpoint.Failed failed && failed.notCalled());
        return sent && !called.add(endpoint);
    }

    /** Waiting items give up this long after the chain's last answer (or its creation): the run's patience. */
    private long deadline() {
        return lastAnswerNanos + patience.toNanos();
    }

    private ModelException interrupted() {
        return new ModelException(new ErrorResponse(ErrorCategory.INTERNAL, false, chain.name()
                + ": the call was interrupted", "the run was cancelled; resume it to finish the remaining"
                + " items"), null);
    }

    private ErrorResponse unansweredBy(List<String> reasons) {
        return new ErrorResponse(ErrorCategory.SERVER, true, String.join("; ", reasons),
                "the circuit breaker stayed open for the run's patience; resume the run later");
    }

    private ErrorResponse everyMemberFailed(List<String> reasons, ErrorResponse firstReal, boolean retryable) {
        ErrorCategory category = firstReal == null ? ErrorCategory.SERVER : firstReal.category();
        String remedy = firstReal == null
                ? "every model of the chain is paused by its circuit breaker; resume the run later"
                : firstReal.remedy();
        return new ErrorResponse(category, retryable, chain.name() + ": every model of the fallback chain failed ("
                + String.join("; ", reasons) + ")", remedy);
    }

    @Override
    public String toString() {
        return "ResilientModel" + chain.members();
    }
}
