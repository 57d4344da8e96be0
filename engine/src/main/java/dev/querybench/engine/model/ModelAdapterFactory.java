package dev.querybench.engine.model;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.model.openai.OpenAiModelAdapter;
import java.time.Duration;
import java.util.Optional;

/** Builds adapters from model profiles, resolving their keys. Thread-safe. */
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
                    "export " + (profile.apiKey().env() == null ? "the key" : profile.apiKey().env())
                            + " before starting QueryBench"));
        }
        ModelErrors errors = new ModelErrors(new Redactor(key.stream().toList()));
        return switch (spec.provider()) {
            case "openai" -> new OpenAiModelAdapter(spec, new OpenAiModelAdapter.Settings(profile.baseUrl(),
                    key.orElse(null), profile.temperatureOrDefault(), profile.maxTokensOrDefault(),
                    Duration.ofSeconds(profile.timeoutSecondsOrDefault())), errors);
            default -> throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "model profile '" + profile.name() + "': provider '" + spec.provider() + "' is not supported",
                    "use openai:<model>; any OpenAI-compatible server works with its baseUrl"));
        };
    }
}
