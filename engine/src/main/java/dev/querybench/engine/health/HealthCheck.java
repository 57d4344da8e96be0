package dev.querybench.engine.health;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.resilience.BreakerState;
import dev.querybench.engine.resilience.Endpoint;
import dev.querybench.engine.resilience.EndpointRegistry;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.ValidationResult;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One endpoint a {@link HealthMonitor} watches: how to probe it and where to read its breaker.
 *
 * @param name the model profile's name
 * @param probe a cheap real call (listing models) that says whether the endpoint answers
 * @param breaker the endpoint's breaker state as the session sees it
 */
public record HealthCheck(String name, Supplier<ValidationResult> probe, Supplier<BreakerState> breaker) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
        breaker = breaker == null ? () -> BreakerState.CLOSED : breaker;
    }

    /**
     * A check of {@code profile}: the validator's list-models call, and the breaker of the
     * profile's endpoint in {@code endpoints} once a run has created it (closed until then).
     */
    public static HealthCheck of(ModelConfig profile, SecretResolver secrets, ModelEndpointValidator validator,
            EndpointRegistry endpoints) {
        return new HealthCheck(profile.name(), () -> validator.validate(profile, secrets), () -> endpoints == null
                ? BreakerState.CLOSED
                : endpoints.endpoints().stream().filter(e -> e.name().equals(profile.name())).findFirst()
                        .map(Endpoint::breakerState).orElse(BreakerState.CLOSED));
    }
}
