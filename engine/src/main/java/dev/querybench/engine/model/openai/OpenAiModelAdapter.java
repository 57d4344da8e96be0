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
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .httpClientBuilder(HttpTransport.builder())
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .apiKey(settings.apiKey() == null ? "no-key" : settings.apiKey())
                .modelName(spec.model());
        if (reasoningFamily(spec.model())) {
            // o-series and gpt-5 refuse max_tokens and any temperature but their own
            builder.maxCompletionTokens(settings.maxTokens());
        } else {
            builder.temperature(settings.temperature()).maxTokens(settings.maxTokens());
        }
        OpenAiChatModel model = builder
                .timeout(settings.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        this.call = new ChatCall(spec, model, errors);
    }

    /**
     * Whether {@code model} is of OpenAI's reasoning families (o1, o3, o4-mini…, gpt-5…), which take
     * {@code max_completion_tokens} instead of {@code max_tokens} and no temperature. A dated or
     * fine-tuned id ({@code ft:o4-mini:…}) belongs to its base model's family.
     */
    public static boolean reasoningFamily(String model) {
        String id = model.toLowerCase(java.util.Locale.ROOT);
        if (id.startsWith("ft:")) {
            id = id.substring(3);
        }
        return id.matches("o\\d+(-.*)?") || id.startsWith("gpt-5");
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
