package dev.querybench.engine.resilience;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.cache.CacheKey;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One model profile's endpoint with its own retry policy and circuit breaker, and its
 * provider's rate limiter: {@code retry(breaker(rate limiter(call)))}. Retries wait with
 * exponential backoff and jitter, at least as long as the provider asked; failures a retry
 * cannot fix (quota, refused key, unknown model) open the breaker at once instead of being
 * retried; prompt-specific failures (bad request, content filter) neither count against the
 * endpoint nor are retried. Created by {@link EndpointRegistry}; thread-safe.
 */
public final class Endpoint {

    /** Failures that say the endpoint, not the prompt, is in trouble. */
    private static final Set<ErrorCategory> ENDPOINT_FAILURES = Set.of(ErrorCategory.SERVER, ErrorCategory.TIMEOUT,
            ErrorCategory.NETWORK, ErrorCategory.RATE_LIMIT, ErrorCategory.MALFORMED_ANSWER, ErrorCategory.QUOTA,
            ErrorCategory.AUTHENTICATION, ErrorCategory.PERMISSION, ErrorCategory.NOT_FOUND);
    /** Failures more calls in the next minutes will not fix. */
    private static final Set<ErrorCategory> UNFIXABLE = Set.of(ErrorCategory.QUOTA, ErrorCategory.AUTHENTICATION,
            ErrorCategory.PERMISSION, ErrorCategory.NOT_FOUND);

    /** What one call to the endpoint came to. */
    public sealed interface Attempt permits Answered, Failed {
        /** Calls that failed and were repeated. */
        int retries();
    }

    /** The endpoint answered, after {@code retries} repeated calls. */
    public record Answered(Completion completion, int retries) implements Attempt {}

    /**
     * The endpoint gave no answer.
     *
     * @param error why, with a remedy
     * @param retries calls repeated before giving up
     * @param notCalled true when nothing was sent (breaker open or no rate-limit permit)
     */
    public record Failed(ErrorResponse error, int retries, boolean notCalled) implements Attempt {}

    private final String name;
    private final ModelAdapter adapter;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiter limiter;
    private final BreakerPolicy breakerPolicy;
    private final String cacheParameters;

    /**
     * @param cacheParameters the endpoint and generation parameters its answers are cached under
     */
    Endpoint(String name, ModelAdapter adapter, String cacheParameters, RetryPolicy retryPolicy,
            BreakerPolicy breakerPolicy, RateLimiter limiter, Clock clock) {
        this.name = name;
        this.adapter = adapter;
        this.cacheParameters = cacheParameters;
        this.limiter = limiter;
        this.breakerPolicy = breakerPolicy;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(breakerPolicy.failureRatePercent())
                .slidingWindow(breakerPolicy.window(), Math.min(breakerPolicy.minimumCalls(), breakerPolicy.window()),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(breakerPolicy.openFor())
                .permittedNumberOfCallsInHalfOpenState(breakerPolicy.halfOpenCalls())
                .recordException(Endpoint::endpointFailure)
                .ignoreException(e -> !endpointFailure(e))
                .clock(clock)
                .build());
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(retryPolicy.initialBackoff(),
                retryPolicy.multiplier(), retryPolicy.jitter(), retryPolicy.maxBackoff());
        Duration maxRetryAfter = retryPolicy.maxRetryAfter();
        this.retry = Retry.of(name, RetryConfig.<Completion>custom()
                .maxAttempts(retryPolicy.maxAttempts())
                .retryOnException(e -> e instanceof ModelException m && worthRetrying(m.error(), maxRetryAfter))
                .intervalBiFunction((attempt, outcome) -> {
                    long computed = backoff.apply(attempt);
                    Duration hint = outcome.isLeft() && outcome.getLeft() instanceof ModelException m
                            ? m.error().retryAfter() : null;
                    return hint == null ? computed : Math.max(computed, hint.toMillis());
                })
                .build());
    }

    /** The profile name. */
    public String name() {
        return name;
    }

    public ModelSpec spec() {
        return adapter.spec();
    }

    public BreakerState breakerState() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            default -> BreakerState.CLOSED;
        };
    }

    /** The key this endpoint's answer to {@code prompt} is cached under. */
    public CacheKey cacheKey(String prompt) {
        return CacheKey.of(spec().provider(), spec().model(), cacheParameters, prompt);
    }

    /** Failure rate over the breaker's window in percent, or -1 before enough calls. */
    public float failureRate() {
        return breaker.getMetrics().getFailureRate();
    }

    /** Whether the endpoint is healthy enough to be preferred: its breaker is closed. */
    public boolean healthy() {
        return breakerState() == BreakerState.CLOSED;
    }

    /**
     * Asks the model, retrying as the policy allows. Never throws for a model failure: the
     * outcome says what happened.
     */
    public Attempt call(String prompt) {
        AtomicInteger sent = new AtomicInteger();
        Supplier<Completion> once = () -> {
            sent.incrementAndGet();
            return adapter.complete(prompt);
        };
        Supplier<Completion> limited = limiter == null ? once : RateLimiter.decorateSupplier(limiter, once);
        Supplier<Completion> guarded = CircuitBreaker.decorateSupplier(breaker, limited);
        try {
            Completion answer = retry.executeSupplier(guarded);
            int retries = Math.max(0, sent.get() - 1);
            String by = answer.provenance().answeredBy().isEmpty() ? spec().toString() : answer.provenance().answeredBy();
            return new Answered(answer.withProvenance(new Provenance(by, retries, 0, false)), retries);
        } catch (ModelException e) {
            openIfUnfixable(e.error());
            return new Failed(e.error(), Math.max(0, sent.get() - 1), false);
        } catch (CallNotPermittedException e) {
            return new Failed(ErrorResponse.of(ErrorCategory.SERVER, name + " (" + spec() + ") was skipped: its"
                    + " circuit breaker is open after repeated failures", "QueryBench tries it again after "
                    + breakerPolicy.openFor().toSeconds() + " s; resume the run later for items that failed"),
                    Math.max(0, sent.get() - 1), sent.get() == 0);
        } catch (RequestNotPermitted e) {
            return new Failed(ErrorResponse.of(ErrorCategory.RATE_LIMIT, name + " (" + spec() + "): no permit from"
                    + " the rate limit for " + spec().provider() + " in time", "raise resilience.rateLimits."
                    + spec().provider() + " or lower run.concurrency"), Math.max(0, sent.get() - 1), sent.get() == 0);
        }
    }

    private void openIfUnfixable(ErrorResponse error) {
        if (!UNFIXABLE.contains(error.category()) || breaker.getState() == CircuitBreaker.State.OPEN) {
            return;
        }
        Duration open = breakerPolicy.quotaOpenFor();
        if (error.retryAfter() != null && error.retryAfter().compareTo(open) > 0) {
            open = error.retryAfter();
        }
        try {
            breaker.transitionToOpenStateFor(open);
        } catch (IllegalStateException alreadyMoved) {
            // another thread changed the state in between; its transition stands
        }
    }

    static boolean worthRetrying(ErrorResponse error, Duration maxRetryAfter) {
        return error.retryable() && (error.retryAfter() == null || error.retryAfter().compareTo(maxRetryAfter) <= 0);
    }

    private static boolean endpointFailure(Throwable e) {
        return e instanceof ModelException m && ENDPOINT_FAILURES.contains(m.error().category());
    }

    @Override
    public String toString() {
        return name + " (" + spec() + ", breaker " + breakerState() + ")";
    }
}
