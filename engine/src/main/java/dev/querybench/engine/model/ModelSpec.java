package dev.querybench.engine.model;

import java.util.Locale;
import java.util.Map;
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

    /** The providers QueryBench has adapters for. */
    public static final Set<String> PROVIDERS = Set.of("openai", "gemini", "ollama", "anthropic");
    /** The model a bare {@code gemini} spec means. */
    public static final String GEMINI_DEFAULT_MODEL = "gemini-2.5-flash";
    private static final Map<String, String> DEFAULT_MODELS = Map.of("gemini", GEMINI_DEFAULT_MODEL);

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
        if (text != null && DEFAULT_MODELS.containsKey(text.strip().toLowerCase(Locale.ROOT))) {
            String provider = text.strip().toLowerCase(Locale.ROOT);
            return new ModelSpec(provider, DEFAULT_MODELS.get(provider));
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
