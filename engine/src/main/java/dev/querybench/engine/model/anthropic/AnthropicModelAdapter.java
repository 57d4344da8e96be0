package dev.querybench.engine.model.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.internal.ChatCall;
import dev.querybench.engine.model.internal.HttpTransport;
import java.io.IOException;

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

    public AnthropicModelAdapter(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        this.spec = spec;
        String baseUrl = settings.baseUrlOr(DEFAULT_BASE_URL);
        AnthropicChatModel model = AnthropicChatModel.builder()
                .httpClientBuilder(HttpTransport.builder())
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
        ObjectMapper json = new ObjectMapper();
        this.call = new ChatCall(spec, model, errors).withRefusal(response -> refused(json, response));
    }

    /** langchain4j reports Anthropic's {@code stop_reason: refusal} as OTHER; the raw answer tells. */
    private static boolean refused(ObjectMapper json, ChatResponse response) {
        if (!(response.metadata() instanceof AnthropicChatResponseMetadata metadata)
                || metadata.rawHttpResponse() == null) {
            return false;
        }
        try {
            return "refusal".equals(json.readTree(metadata.rawHttpResponse().body()).path("stop_reason").asText());
        } catch (IOException e) {
            return false;
        }
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
