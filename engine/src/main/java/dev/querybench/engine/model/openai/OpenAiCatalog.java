package dev.querybench.engine.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.internal.ModelLists;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's model list ({@code GET /models}, one page), also served by OpenAI-compatible servers;
 * such a server may list no models, which leaves the model unchecked rather than missing.
 */
record OpenAiCatalog(String baseUrl, Map<String, String> headers) implements ModelCatalog {

    OpenAiCatalog(String baseUrl, String apiKey) {
        this(ModelLists.trimSlash(baseUrl == null ? OpenAiModelAdapter.DEFAULT_BASE_URL : baseUrl),
                ModelLists.bearer(apiKey));
    }

    @Override
    public String firstPage() {
        return baseUrl + "/models";
    }

    @Override
    public List<String> ids(JsonNode page) {
        return ModelLists.values(page.path("data"), "id", "");
    }

    @Override
    public boolean emptyListIsUnchecked() {
        return true;
    }

    @Override
    public String baseUrlHint() {
        return "OpenAI-compatible servers usually end in /v1";
    }
}
