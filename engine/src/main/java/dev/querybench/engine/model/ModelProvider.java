package dev.querybench.engine.model;

import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.errors.ProviderAdvice;
import java.util.Optional;

/**
 * One model provider QueryBench has an adapter for. Each vendor package ({@code model.openai},
 * {@code model.gemini}, {@code model.ollama}, {@code model.anthropic}) has one implementation,
 * registered in {@code META-INF/services/dev.querybench.engine.model.ModelProvider}; {@link
 * ModelProviders} finds it by {@link #id()}, so this package never names a vendor package.
 * Implementations are stateless and thread-safe.
 */
public interface ModelProvider extends ProviderAdvice {

    /** The lower-case id a model spec starts with, as {@code openai} in {@code openai:gpt-4o-mini}. */
    @Override
    String id();

    /** The provider's own name as people write it, such as {@code OpenAI} for {@code openai}. */
    String displayName();

    /** The model a bare spec (the id alone) means, if this provider has one. */
    default Optional<String> defaultModel() {
        return Optional.empty();
    }

    /**
     * The environment variable that holds this provider's key by convention: what an ad-hoc spec
     * reads and what a check without a key asks for. Empty when the endpoint at {@code baseUrl}
     * (null for the provider's own) needs no key.
     */
    @Override
    default Optional<String> keyVariable(String baseUrl) {
        return Optional.empty();
    }

    /**
     * How the endpoint lists its models, for pre-flight checks.
     *
     * @param baseUrl the endpoint, or null for the provider's own
     * @param apiKey the key, or null when none is given
     */
    ModelCatalog catalog(String baseUrl, String apiKey);

    /** An adapter for one model of this provider. */
    ModelAdapter create(ModelSpec spec, ModelSettings settings, ErrorHandler errors);
}
