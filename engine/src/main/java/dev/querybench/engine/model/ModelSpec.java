package dev.querybench.engine.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A provider and a model, written {@code provider:model} (for example {@code openai:gpt-4o-mini}
 * or {@code ollama:qwen2.5-coder:7b}; everything after the first colon is the model). A provider
 * with a default model may be written alone: {@code gemini} is {@code gemini:gemini-2.5-flash}.
 *
 * @param provider lower-case provider id
 * @param model the provider's model name
 */
public record ModelSpec(String provider, String model) {

    /** The providers QueryBench has adapters for: the registered {@link ModelProvider}s. */
    public static final Set<String> PROVIDERS = ModelProviders.ids();

    public ModelSpec {
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model spec needs a provider and a model, as in openai:gpt-4o-mini");
        }
        provider = provider.toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException with the expected form when {@code text} is not a spec
     */
    public static ModelSpec parse(String text) {
        Optional<String> defaultModel = text == null ? Optional.empty()
                : ModelProviders.find(text.strip().toLowerCase(Locale.ROOT)).flatMap(ModelProvider::defaultModel);
        if (defaultModel.isPresent()) {
            return new ModelSpec(text.strip().toLowerCase(Locale.ROOT), defaultModel.get());
        }
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a model spec; write provider:model,"
                    + " for example openai:gpt-4o-mini or gemini:gemini-2.5-flash");
        }
        return new ModelSpec(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
