package dev.querybench.engine.model.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.internal.ModelLists;
import java.util.List;
import java.util.Map;

/** The Gemini API's model list ({@code GET /models}, paged by token; ids without {@code models/}). */
record GeminiCatalog(String baseUrl, Map<String, String> headers) implements ModelCatalog {

    GeminiCatalog(String baseUrl, String apiKey) {
        this(ModelLists.trimSlash(baseUrl == null ? GeminiModelAdapter.DEFAULT_BASE_URL : baseUrl),
                apiKey == null ? Map.of() : Map.of("x-goog-api-key", apiKey));
    }

    @Override
    public String firstPage() {
        return baseUrl + "/models?pageSize=1000";
    }

    @Override
    public List<String> ids(JsonNode page) {
        return ModelLists.values(page.path("models"), "name", "models/");
    }

    @Override
    public String nextPage(JsonNode page) {
        String token = page.path("nextPageToken").asText("");
        return token.isEmpty() ? null : firstPage() + "&pageToken=" + ModelLists.encode(token);
    }

    @Override
    public String baseUrlHint() {
        return "the Gemini API ends in /v1beta";
    }
}
