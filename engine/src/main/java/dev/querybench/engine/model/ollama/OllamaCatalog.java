package dev.querybench.engine.model.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.internal.ModelLists;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Ollama server's pulled models ({@code GET /api/tags}), after its version
 * ({@code GET /api/version}). A name without a tag is served by its {@code :latest}.
 */
record OllamaCatalog(String baseUrl, Map<String, String> headers) implements ModelCatalog {

    OllamaCatalog(String baseUrl, String apiKey) {
        this(ModelLists.trimSlash(baseUrl == null ? OllamaModelAdapter.DEFAULT_BASE_URL : baseUrl),
                ModelLists.bearer(apiKey));
    }

    @Override
    public String firstPage() {
        return baseUrl + "/api/tags";
    }

    @Override
    public List<String> ids(JsonNode page) {
        return ModelLists.values(page.path("models"), "name", "");
    }

    @Override
    public Optional<String> versionUrl() {
        return Optional.of(baseUrl + "/api/version");
    }

    @Override
    public String versionLabel(JsonNode answer) {
        String version = answer.path("version").asText("");
        return version.isEmpty() ? "" : "Ollama " + version;
    }

    @Override
    public String match(String model, List<String> ids) {
        if (ids.contains(model)) {
            return model;
        }
        return !model.contains(":") && ids.contains(model + ":latest") ? model + ":latest" : null;
    }

    @Override
    public String listedVerb() {
        return "pulled";
    }

    @Override
    public String missingPhrase() {
        return "pulled on this Ollama server";
    }

    @Override
    public Optional<String> missingRemedy(String model) {
        return Optional.of("pull it: ollama pull " + model);
    }

    @Override
    public Optional<ErrorResponse> refused() {
        return Optional.of(ErrorResponse.of(ErrorCategory.NETWORK,
                "Ollama is not running at " + baseUrl + " (connection refused)",
                "start it with `ollama serve` (or open the Ollama app); if it runs elsewhere, set the profile's"
                        + " baseUrl"));
    }

    @Override
    public String baseUrlHint() {
        return "Ollama's base URL is the server root, such as http://localhost:11434";
    }
}
