package dev.querybench.engine.model.ollama;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.internal.ChatCall;
import dev.querybench.engine.model.internal.HttpTransport;
import java.util.Map;

/**
 * A local or remote Ollama server's native chat API ({@code /api/chat}) through langchain4j.
 * Ollama needs no key; when the profile gives one it is sent as a bearer token, for servers
 * behind an authenticating proxy. Retries are left to the caller. Thread-safe.
 */
public final class OllamaModelAdapter implements ModelAdapter {

    public static final String DEFAULT_BASE_URL = "http://localhost:11434";

    private final ModelSpec spec;
    private final ChatCall call;

    public OllamaModelAdapter(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        this.spec = spec;
        OllamaChatModel.OllamaChatModelBuilder builder = OllamaChatModel.builder()
                .httpClientBuilder(HttpTransport.builder())
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .modelName(spec.model())
                .temperature(settings.temperature())
                .numPredict(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false);
        if (settings.apiKey() != null) {
            builder.customHeaders(Map.of("Authorization", "Bearer " + settings.apiKey()));
        }
        this.call = new ChatCall(spec, builder.build(), errors);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Completion complete(String prompt) {
        return call.complete(prompt);
    }
}
