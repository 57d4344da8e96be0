package dev.querybench.engine.model.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.internal.ModelLists;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's model list ({@code GET /models}, paged by the last id). An alias such as
 * {@code claude-sonnet-4-5} is served by its newest dated snapshot.
 */
record AnthropicCatalog(String baseUrl, Map<String, String> headers) implements ModelCatalog {

    AnthropicCatalog(String baseUrl, String apiKey) {
        this(ModelLists.trimSlash(baseUrl == null ? AnthropicModelAdapter.DEFAULT_BASE_URL : baseUrl),
                apiKey == null ? Map.of("anthropic-version", AnthropicModelAdapter.API_VERSION)
                        : Map.of("x-api-key", apiKey, "anthropic-version", AnthropicModelAdapter.API_VERSION));
    }

    @Override
    public String firstPage() {
        return baseUrl + "/models?limit=1000";
    }

    @Override
    public List<String> ids(JsonNode page) {
        return ModelLists.values(page.path("data"), "id", "");
    }

    @Override
    public String nextPage(JsonNode page) {
        return page.path("has_more").asBoolean(false) && page.hasNonNull("last_id")
                ? firstPage() + "&after_id=" + ModelLists.encode(page.path("last_id").asText())
                : null;
    }

    @Override
    public String match(String model, List<String> ids) {
        if (ids.contains(model)) {
            return model;
        }
        return ids.stream().filter(id -> id.startsWith(model + "-")).sorted().reduce((a, b) -> b).orElse(null);
    }

    @Override
    public String baseUrlHint() {
        return "Anthropic's API ends in /v1";
    }
}
