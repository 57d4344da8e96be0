package dev.querybench.engine.resilience;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.cache.CacheKey;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One model profile's endpoint with its own retry policy and circuit breaker, its provider's
 * rate limiter and its provider endpoint's {@link AdaptiveLimit}. A rate-limited call (429) is no
 * failure of the endpoint: it halves the adaptive limit, waits at least as long as the provider
 * asked ({@code Retry-After} and its kin, or its rate-limit headers) and is sent again, without
 * using up the retries, until the run's patience runs out. Hard failures (5xx, timeouts, resets,
 * malformed answers) are what the circuit breaker counts, and they are retried with exponential
 * backoff and jitter up to the retry policy's attempts. Failures a retry cannot fix (quota,
 * refused key, unknown model) open the breaker at once instead of being retried; prompt-specific
 * failures (bad request, content filter) neither count against the endpoint nor are retried.
 * Created by {@link EndpointRegistry}; thread-safe.
 */
public final class Endpoint {

    /** Failures that say the endpoint, not the prompt, is in trouble; a rate limit is not one of them. */
    private static final Set<ErrorCategory> ENDPOINT_FAILURES = Set.of(ErrorCategory.SERVER, ErrorCategory.TIMEOUT,
            ErrorCategory.NETWORK, ErrorCategory.MALFORMED_ANSWER, ErrorCategory.QUOTA,
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
     * @param askAgainIn when the endpoint may answer if asked again (its breaker half-opens, its rate limit
     *     lifts), or null when asking again will not help soon
     */
    public record Failed(ErrorResponse error, int retries, boolean notCalled, Duration askAgainIn) implements Attempt {

        public Failed(ErrorResponse error, int retries, boolean notCalled) {
            this(error, retries, notCalled, null);
        }
    }

    private final String name;
    private final ModelAdapter adapter;
    private final CircuitBreaker breaker;
    private final RetryPolicy retryPolicy;
    private final IntervalFunction backoff;
    private final RateLimiter limiter;
    private final AdaptiveLimit adaptive;
    private final BreakerPolicy breakerPolicy;
    private final Duration patience;
    private final String cacheParameters;
    private volatile long lastAnswerNanos = System.nanoTime();

    /**
     * @param cacheParameters the endpoint and generation parameters its answers are cached under
     * @param adaptive the in-flight limit shared by the profiles of the same provider endpoint
     * @param patience how long a call keeps waiting for a rate limit to lift
     */
    Endpoint(String name, ModelAdapter adapter, String cacheParameters, RetryPolicy retryPolicy,
            BreakerPolicy breakerPolicy, RateLimiter limiter, AdaptiveLimit adaptive, Duration patience, Clock clock) {
        this.name = name;
        this.adapter = adapter;
        this.cacheParameters = cacheParameters;
        this.limiter = limiter;
        this.adaptive = adaptive;
        this.patience = patience;
        this.breakerPolicy = breakerPolicy;
        this.retryPolicy = retryPolicy;
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
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(retryPolicy.initialBackoff(),
                retryPolicy.multiplier(), retryPolicy.jitter(), retryPolicy.maxBackoff());
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
        return cacheKey(prompt, 0);
    }

    /**
     * The key this endpoint's answer to {@code prompt} for one repeat of an item is cached under:
     * each repeat has its own answer (the first repeat's key is the plain one).
     */
    public CacheKey cacheKey(String prompt, int repeat) {
        return CacheKey.of(spec().provider(), spec().model(),
                repeat == 0 ? cacheParameters : cacheParameters + ";repeat=" + repeat, prompt);
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
     * Asks the model, retrying as the policy allows and waiting out rate limits for at most the
     * policy's patience. Never throws for a model failure: the outcome says what happened.
     */
    public Attempt call(String prompt) {
        long deadline = System.nanoTime() + patience.toNanos();
        return call(prompt, () -> deadline);
    }

    /** When this endpoint last answered ({@link System#nanoTime} scale). */
    public long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    /** The in-flight limit of this endpoint's provider endpoint. */
    public AdaptiveLimit adaptiveLimit() {
        return adaptive;
    }

    /**
     * Asks the model like {@link #call(String)}, waiting out rate limits until {@code deadline}
     * ({@link System#nanoTime} scale, read again after every wait, so a caller can extend it).
     */
    public Attempt call(String prompt, java.util.function.LongSupplier deadline) {
        int sent = 0;
        int hardFailures = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                return new Failed(interrupted(), Math.max(0, sent - 1), sent == 0);
            }
            Admission admission = admit(deadline, sent);
            if (admission.refused() != null) {
                return admission.refused();
            }
            AdaptiveLimit.Permit permit = admission.permit();
            long start = System.nanoTime();
            Duration wait;
            try (permit) {
                sent++;
                Completion answer = adapter.complete(prompt);
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                permit.answered();
                lastAnswerNanos = System.nanoTime();
                int retries = sent - 1;
                String by = answer.provenance().answeredBy().isEmpty() ? spec().toString()
                        : answer.provenance().answeredBy();
                return new Answered(answer.withProvenance(new Provenance(by, retries, 0, false)), retries);
            } catch (ModelException e) {
                ErrorResponse error = e.error();
                if (error.category() == ErrorCategory.RATE_LIMIT) {
                    breaker.releasePermission();
                    permit.rateLimited(error.retryAfter());
                    Duration hint = error.retryAfter();
                    if (hint != null && hint.compareTo(retryPolicy.maxRetryAfter()) > 0) {
                        return new Failed(error, sent - 1, false, hint);
                    }
                    wait = Duration.ofMillis(Math.max(backoff.apply(Math.min(sent, 8)),
                            hint == null ? 0 : hint.toMillis()));
                    if (System.nanoTime() + wait.toNanos() > deadline.getAsLong()) {
                        return new Failed(error, sent - 1, false);
                    }
                } else {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                    openIfUnfixable(error);
                    hardFailures++;
                    if (!worthRetrying(error, retryPolicy.maxRetryAfter()) || hardFailures >= retryPolicy.maxAttempts()) {
                        return new Failed(error, sent - 1, false);
                    }
                    Duration hint = error.retryAfter();
                    wait = Duration.ofMillis(Math.max(backoff.apply(hardFailures), hint == null ? 0 : hint.toMillis()));
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Failed(interrupted(), Math.max(0, sent - 1), sent == 0);
            }
        }
    }

    /** A permit to call, or why there is none: an open breaker, the rate limit, or the run's patience ran out. */
    private record Admission(AdaptiveLimit.Permit permit, Failed refused) {

        static Admission refusing(Failed failed) {
            return new Admission(null, failed);
        }
    }

    private Admission admit(java.util.function.LongSupplier deadline, int sent) {
        int retries = Math.max(0, sent - 1);
        if (!breaker.tryAcquirePermission()) {
            return Admission.refusing(new Failed(ErrorResponse.of(ErrorCategory.SERVER, name + " (" + spec()
                    + ") was skipped: its circuit breaker is open after repeated failures", "QueryBench tries it again"
                    + " after " + breakerPolicy.openFor().toSeconds() + " s; resume the run later for items left"
                    + " unanswered"), retries, sent == 0, pollStep()));
        }
        AdaptiveLimit.Permit permit;
        try {
            permit = adaptive.acquire(deadline.getAsLong());
            if (permit != null && limiter != null && !limiter.acquirePermission()) {
                permit.close();
                breaker.releasePermission();
                return Admission.refusing(new Failed(ErrorResponse.of(ErrorCategory.RATE_LIMIT, name + " (" + spec()
                        + "): no permit from the rate limit for " + spec().provider() + " in time",
                        "raise resilience.rateLimits." + spec().provider() + " or lower run.concurrency"), retries,
                        sent == 0, pollStep()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            return Admission.refusing(new Failed(interrupted(), retries, sent == 0));
        }
        if (permit == null) {
            breaker.releasePermission();
            return Admission.refusing(new Failed(ErrorResponse.of(ErrorCategory.RATE_LIMIT, name + " (" + spec()
                    + "): still rate limited when the run's patience ran out", "continue the run later with --resume,"
                    + " lower run.concurrency or raise resilience.patienceSeconds"), retries, sent == 0));
        }
        return new Admission(permit, null);
    }

    /** How long to wait before looking again at an open breaker. */
    private Duration pollStep() {
        long step = Math.clamp(breakerPolicy.openFor().toMillis() / 10, 20, 1_000);
        return Duration.ofMillis(step);
    }

    private ErrorResponse interrupted() {
        return new ErrorResponse(ErrorCategory.INTERNAL, false, name + ": the call was interrupted",
                "the run was cancelled; resume it to finish the remaining items");
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
