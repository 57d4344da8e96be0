package dev.querybench.engine.model.openai;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelErrors;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import java.time.Duration;

/**
 * OpenAI's chat completions API, or any server that speaks it (vLLM, LM Studio, Ollama's
 * {@code /v1}), through langchain4j. Retries are left to the caller. Thread-safe.
 */
public final class OpenAiModelAdapter implements ModelAdapter {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final ModelSpec spec;
    private final OpenAiChatModel model;
    private final ModelErrors errors;

    public OpenAiModelAdapter(ModelSpec spec, Settings settings, ModelErrors errors) {
        this.spec = spec;
        this.errors = errors;
        this.model = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl() == null ? DEFAULT_BASE_URL : settings.baseUrl())
                .apiKey(settings.apiKey() == null ? "no-key" : settings.apiKey())
                .modelName(spec.model())
                .temperature(settings.temperature())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    /**
     * Connection and generation settings.
     *
     * @param baseUrl endpoint, or null for OpenAI's
     * @param apiKey the key, or null when the server needs none
     * @param temperature sampling temperature
     * @param maxTokens answer length limit
     * @param timeout per-call timeout
     */
    public record Settings(String baseUrl, String apiKey, double temperature, int maxTokens, Duration timeout) {
        @Override
        public String toString() {
            return "Settings[" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****") + ", temperature="
                    + temperature + ", maxTokens=" + maxTokens + ", timeout=" + timeout + "]";
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Completion complete(String prompt) {
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder().messages(UserMessage.from(prompt)).build());
        } catch (RuntimeException e) {
            throw errors.translate(spec, e);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        TokenUsage tokens = response.tokenUsage();
        Usage usage = tokens == null ? Usage.NONE : new Usage(orZero(tokens.inputTokenCount()),
                orZero(tokens.outputTokenCount()));
        String finish = response.finishReason() == null ? "" : response.finishReason().name();
        String text = response.aiMessage() == null ? "" : response.aiMessage().text();
        return new Completion(text, usage, latency, finish, response.modelName());
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
