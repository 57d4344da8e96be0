package dev.querybench.engine.model.openai;

import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.ModelProvider;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import java.util.Optional;

/** The {@code openai} provider, registered as a {@link ModelProvider} service. */
public final class OpenAiProvider implements ModelProvider {

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public String displayName() {
        return "OpenAI";
    }

    @Override
    public Optional<String> keyVariable(String baseUrl) {
        return baseUrl == null ? Optional.of("OPENAI_API_KEY") : Optional.empty();
    }

    @Override
    public ModelCatalog catalog(String baseUrl, String apiKey) {
        return new OpenAiCatalog(baseUrl, apiKey);
    }

    @Override
    public ModelAdapter create(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        return new OpenAiModelAdapter(spec, settings, errors);
    }
}
