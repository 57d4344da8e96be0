package dev.querybench.engine.model.openai;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.internal.ChatCall;
import dev.querybench.engine.model.internal.HttpTransport;

/**
 * OpenAI's chat completions API, or any server that speaks it (vLLM, LM Studio, Ollama's
 * {@code /v1}), through langchain4j. Retries are left to the caller. Thread-safe.
 */
public final class OpenAiModelAdapter implements ModelAdapter {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final ModelSpec spec;
    private final ChatCall call;

    public OpenAiModelAdapter(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        this.spec = spec;
        OpenAiChatModel model = OpenAiChatModel.builder()
                .httpClientBuilder(HttpTransport.builder())
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .apiKey(settings.apiKey() == null ? "no-key" : settings.apiKey())
                .modelName(spec.model())
                .temperature(settings.temperature())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        this.call = new ChatCall(spec, model, errors);
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
