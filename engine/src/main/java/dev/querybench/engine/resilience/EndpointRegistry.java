package dev.querybench.engine.resilience;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.cache.CacheKey;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A session's endpoints: one {@link Endpoint} per model profile (so every run and every chain
 * that uses a profile shares its breaker) and one rate limiter per provider. A rate of
 * {@code n} requests per minute hands out one permit every {@code 60/n} seconds, and a caller
 * waits up to {@link #PERMIT_WAIT} for one. Thread-safe.
 */
public final class EndpointRegistry {

    /** Longest wait for a rate-limit permit before a call counts as rate limited. */
    public static final Duration PERMIT_WAIT = Duration.ofMinutes(2);

    private final ResiliencePolicy policy;
    private final Function<ModelConfig, ModelAdapter> adapters;
    private final Clock clock;
    private final Map<ModelConfig, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Map<String, AdaptiveLimit> adaptiveLimits = new ConcurrentHashMap<>();

    /** The most calls in flight an adaptive limit grows back to; a run's concurrency bounds them first. */
    static final int ADAPTIVE_CEILING = 256;

    /**
     * @param adapters builds the adapter of a profile (called once per distinct profile)
     */
    public EndpointRegistry(ResiliencePolicy policy, Function<ModelConfig, ModelAdapter> adapters, Clock clock) {
        this.policy = policy;
        this.adapters = adapters;
        this.clock = clock;
    }

    public ResiliencePolicy policy() {
        return policy;
    }

    /** The endpoint of {@code profile}, created on first use. */
    public Endpoint endpoint(ModelConfig profile) {
        return endpoints.computeIfAbsent(profile, p -> {
            ModelAdapter adapter = adapters.apply(p);
            String cacheParameters = CacheKey.parameters(p.baseUrl(), p.temperatureOrDefault(), p.maxTokensOrDefault());
            AdaptiveLimit adaptive = adaptiveLimits.computeIfAbsent(adapter.spec().provider() + " " + p.baseUrl(),
                    k -> new AdaptiveLimit(ADAPTIVE_CEILING));
            return new Endpoint(p.name(), adapter, cacheParameters, policy.retry(), policy.breaker(),
                    limiter(adapter.spec().provider()), adaptive, policy.patience(), clock);
        });
    }

    /** Every endpoint created so far, by profile name. */
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>(endpoints.values());
        all.sort(Comparator.comparing(Endpoint::name));
        return all;
    }

    private RateLimiter limiter(String provider) {
        Integer perMinute = policy.requestsPerMinute().get(provider);
        if (perMinute == null) {
            return null;
        }
        return limiters.computeIfAbsent(provider, p -> RateLimiter.of(p, RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(Duration.ofMinutes(1).toNanos() / perMinute))
                .timeoutDuration(PERMIT_WAIT)
                .build()));
    }
}
