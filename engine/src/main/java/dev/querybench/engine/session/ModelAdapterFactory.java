package dev.querybench.engine.session;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelProviders;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds adapters from model profiles, resolving their keys, through the {@link
 * dev.querybench.engine.model.ModelProvider} registered for the spec's provider (any
 * OpenAI-compatible server works as {@code openai} with its base URL). Thread-safe.
 */
public final class ModelAdapterFactory {

    private final SecretResolver secrets;

    public ModelAdapterFactory(SecretResolver secrets) {
        this.secrets = secrets;
    }

    public ModelAdapter create(ModelConfig profile) {
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(profile.spec());
        } catch (IllegalArgumentException e) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "model profile '" + profile.name() + "': " + e.getMessage(), "fix 'spec' in querybench.yaml"));
        }
        Optional<String> key = secrets.resolve(profile.apiKey());
        if (profile.apiKey() != null && key.isEmpty()) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.AUTHENTICATION,
                    "model profile '" + profile.name() + "' needs a key from " + profile.apiKey().describe()
                            + ", which is not set",
                    profile.apiKey().howToSet()));
        }
        ErrorHandler errors = new ErrorHandler(new Redactor(key.stream().toList())).withAdvice(ModelProviders.all())
                .withKeySource(profile.apiKey() == null ? null : profile.apiKey().describe());
        ModelSettings settings = new ModelSettings(profile.baseUrl(), key.orElse(null), profile.temperatureOrDefault(),
                profile.maxTokensOrDefault(), Duration.ofSeconds(profile.timeoutSecondsOrDefault()));
        return ModelProviders.find(spec.provider())
                .orElseThrow(() -> new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                        "model profile '" + profile.name() + "': provider '" + spec.provider() + "' is not supported",
                        "use one of " + String.join(":, ", ModelProviders.ids()) + ": (any OpenAI-compatible server"
                                + " works as openai: with its baseUrl)")))
                .create(spec, settings, errors);
    }
}
