package dev.querybench.engine.model.ollama;

import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.ModelProvider;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import java.util.Optional;

/** The {@code ollama} provider, registered as a {@link ModelProvider} service. */
public final class OllamaProvider implements ModelProvider {

    @Override
    public String id() {
        return "ollama";
    }

    @Override
    public String displayName() {
        return "Ollama";
    }

    @Override
    public Optional<String> unreachableFix() {
        return Optional.of("start Ollama with `ollama serve` (or open the Ollama app) and check the profile's baseUrl");
    }

    @Override
    public Optional<String> unknownModelFix(String model) {
        return Optional.of("pull it first: ollama pull " + model);
    }

    @Override
    public ModelCatalog catalog(String baseUrl, String apiKey) {
        return new OllamaCatalog(baseUrl, apiKey);
    }

    @Override
    public ModelAdapter create(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        return new OllamaModelAdapter(spec, settings, errors);
    }
}
