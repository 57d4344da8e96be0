package dev.querybench.engine.model.gemini;

import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.ModelProvider;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import java.util.Optional;

/** The {@code gemini} provider, registered as a {@link ModelProvider} service. */
public final class GeminiProvider implements ModelProvider {

    @Override
    public String id() {
        return "gemini";
    }

    @Override
    public String displayName() {
        return "Gemini";
    }

    @Override
    public Optional<String> defaultModel() {
        return Optional.of(GeminiModelAdapter.DEFAULT_MODEL);
    }

    @Override
    public Optional<String> keyVariable(String baseUrl) {
        return Optional.of("GEMINI_API_KEY");
    }

    @Override
    public ModelCatalog catalog(String baseUrl, String apiKey) {
        return new GeminiCatalog(baseUrl, apiKey);
    }

    @Override
    public ModelAdapter create(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        return new GeminiModelAdapter(spec, settings, errors);
    }
}
