package dev.querybench.engine.model.gemini;

import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSettings;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.model.internal.ChatCall;
import dev.querybench.engine.model.internal.HttpTransport;

/**
 * Google's Gemini API ({@code generateContent}) through langchain4j. Thinking tokens are
 * counted as output, as Google bills them. Retries are left to the caller. Thread-safe.
 */
public final class GeminiModelAdapter implements ModelAdapter {

    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";

    private final ModelSpec spec;
    private final ChatCall call;

    public GeminiModelAdapter(ModelSpec spec, ModelSettings settings, ErrorHandler errors) {
        this.spec = spec;
        GoogleAiGeminiChatModel model = GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(HttpTransport.builder())
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .apiKey(settings.apiKey() == null ? "no-key" : settings.apiKey())
                .modelName(spec.model())
                .temperature(settings.temperature())
                .maxOutputTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .logRequestsAndResponses(false)
                .build();
        this.call = new ChatCall(spec, model, errors).withUsage(GeminiModelAdapter::usage);
    }

    private static Usage usage(TokenUsage tokens) {
        Usage plain = ChatCall.plainUsage(tokens);
        if (tokens instanceof GoogleAiGeminiTokenUsage gemini) {
            return new Usage(plain.inputTokens(), plain.outputTokens() + ChatCall.orZero(gemini.thoughtsTokenCount()));
        }
        return plain;
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
