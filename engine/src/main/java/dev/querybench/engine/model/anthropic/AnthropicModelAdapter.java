package dev.querybench.engine.model.anthropic;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelErrors;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.internal.ChatCall;

/**
 * Anthropic's Messages API (Claude) through langchain4j. Aliases such as
 * {@code claude-sonnet-4-5} are sent as given; the completion carries the dated snapshot the
 * provider reports. Retries are left to the caller. Thread-safe.
 */
public final class AnthropicModelAdapter implements ModelAdapter {

    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1/";
    /** The API version QueryBench speaks, sent as {@code anthropic-version}. */
    public static final String API_VERSION = "2023-06-01";

    private final ModelSpec spec;
    private final ChatCall call;

    public AnthropicModelAdapter(ModelSpec spec, ModelSettings settings, ModelErrors errors) {
        this.spec = spec;
        String baseUrl = settings.baseUrlOr(DEFAULT_BASE_URL);
        AnthropicChatModel model = AnthropicChatModel.builder()
                // langchain4j appends "messages" to the base URL, so it must end in a slash
                .baseUrl(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")
                .apiKey(settings.apiKey() == null ? "no-key" : settings.apiKey())
                .version(API_VERSION)
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
