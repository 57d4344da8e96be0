package dev.querybench.engine.validation;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The check a run makes before it spends anything: every model profile it may ask (each
 * evaluated model with its fallbacks, and the judge) is checked once, all at once, with the
 * cheapest real call its provider offers ({@link ModelEndpointValidator}: endpoint reachable, key
 * accepted, model offered). A model none of whose chain can be used stops the run with the
 * reason and the fix; a primary that cannot be used while a fallback can is only a warning. A
 * rate-limited check is tried again a few times, waiting as the provider asks (at most
 * {@link #RATE_LIMIT_WAIT} in all); a provider that still refuses every request is down for the
 * run. Thread-safe.
 */
public final class RunPreflight {

    /** Longest total wait for a provider that rate-limits the check itself. */
    public static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(10);
    private static final int RATE_LIMIT_TRIES = 3;
    /** Categories that say the endpoint, not the workspace's syntax, is the trouble: exit code 4. */
    private static final Set<ErrorCategory> ENDPOINT = Set.of(ErrorCategory.AUTHENTICATION, ErrorCategory.PERMISSION,
            ErrorCategory.NOT_FOUND, ErrorCategory.RATE_LIMIT, ErrorCategory.QUOTA, ErrorCategory.TIMEOUT,
            ErrorCategory.NETWORK, ErrorCategory.SERVER, ErrorCategory.MALFORMED_ANSWER);

    private final ModelEndpointValidator validator;
    private final SecretResolver secrets;

    public RunPreflight(ModelEndpointValidator validator, SecretResolver secrets) {
        this.validator = validator;
        this.secrets = secrets;
    }

    /**
     * Checks each chain; returns the warnings to show (a primary stood in for by its fallback).
     *
     * @param chains by the name the run knows it under (a model, or "judge"), the profile first,
     *     then its fallbacks in order
     * @throws QueryBenchException with a model endpoint's category and remedy when a chain has no
     *     usable member
     */
    public List<String> check(Map<String, List<ModelConfig>> chains) {
        Map<ModelConfig, ValidationResult> results = validateAll(chains.values().stream().flatMap(List::stream)
                .distinct().toList());
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, List<ModelConfig>> chain : chains.entrySet()) {
            List<ModelConfig> members = chain.getValue();
            ModelConfig usable = members.stream().filter(m -> results.get(m).ok()).findFirst().orElse(null);
            ModelConfig primary = members.getFirst();
            ValidationResult first = results.get(primary);
            if (usable == null) {
                throw new QueryBenchException(unusable(chain.getKey(), primary, first, members.size()));
            }
            if (usable != primary) {
                warnings.add("model " + primary.name() + " cannot be used (" + first.detail() + "); " + usable.name()
                        + " stands in for it");
            }
        }
        return warnings;
    }

    private static ErrorResponse unusable(String name, ModelConfig primary, ValidationResult result, int members) {
        ErrorResponse error = result.error();
        ErrorCategory category = error != null && ENDPOINT.contains(error.category()) ? error.category()
                : ErrorCategory.NETWORK;
        String who = name.equals(primary.name()) ? "model " + name : name + " model " + primary.name();
        return new ErrorResponse(category, false, who + " (" + result.subject() + ") cannot be used"
                + (members > 1 ? ", nor can any of its fallbacks" : "") + ": " + result.detail()
                + "; the run did not start and nothing was spent",
                error == null || error.remedy().isBlank() ? "check the model profile, then run again" : error.remedy());
    }

    private Map<ModelConfig, ValidationResult> validateAll(List<ModelConfig> profiles) {
        Map<ModelConfig, Future<ValidationResult>> running = new LinkedHashMap<>();
        Map<ModelConfig, ValidationResult> done = new LinkedHashMap<>();
        try (ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor()) {
            profiles.forEach(p -> running.put(p, checks.submit(() -> validate(p))));
            for (Map.Entry<ModelConfig, Future<ValidationResult>> e : running.entrySet()) {
                done.put(e.getKey(), e.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryBenchException(new ErrorResponse(ErrorCategory.INTERNAL, false,
                    "the check of the run's models was interrupted", "run again"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a model check failed unexpectedly", e.getCause());
        }
        return done;
    }

    private ValidationResult validate(ModelConfig profile) throws InterruptedException {
        long waited = 0;
        ValidationResult result = validator.validate(profile, secrets);
        for (int tries = 1; tries < RATE_LIMIT_TRIES && rateLimited(result); tries++) {
            Duration hint = result.error().retryAfter();
            long wait = Math.min(hint == null ? 1000 : Math.max(100, hint.toMillis()),
                    RATE_LIMIT_WAIT.toMillis() - waited);
            if (wait <= 0) {
                break;
            }
            Thread.sleep(wait);
            waited += wait;
            result = validator.validate(profile, secrets);
        }
        return result;
    }

    private static boolean rateLimited(ValidationResult result) {
        return !result.ok() && result.error() != null && result.error().category() == ErrorCategory.RATE_LIMIT;
    }
}
