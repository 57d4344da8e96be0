package dev.querybench.engine.model.anthropic;

import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.ModelProvider;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import java.util.Optional;

/** The {@code anthropic} provider, registered as a {@link ModelProvider} service. */
public final class AnthropicProvider implements ModelProvider {

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public String displayName() {
        return "Anthropic";
    }

    @Override
    public Optional<String> keyVariable(String baseUrl) {
        return Optional.of("ANTHROPIC_API_KEY");
    }

    @Override
    public ModelCatalog catalog(String baseUrl, String apiKey) {
        return new AnthropicCatalog(baseUrl, apiKey);
    }

    @Override
    public ModelAdapter create(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        return new AnthropicModelAdapter(spec, settings, errors);
    }
}
