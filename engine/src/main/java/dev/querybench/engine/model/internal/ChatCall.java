package dev.querybench.engine.model.internal;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelErrors;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import java.time.Duration;
import java.util.function.Function;

/**
 * One user message to a langchain4j chat model, timed, with the answer turned into a
 * {@link Completion} and failures into explained {@code ModelException}s. The part every
 * vendor adapter shares. Thread-safe when the chat model is (langchain4j's are).
 */
public final class ChatCall {

    private final ModelSpec spec;
    private final ChatModel model;
    private final ModelErrors errors;
    private final Function<TokenUsage, Usage> usage;

    /**
     * @param usage reads the provider's token counts (vendors differ in what they bill as output)
     */
    public ChatCall(ModelSpec spec, ChatModel model, ModelErrors errors, Function<TokenUsage, Usage> usage) {
        this.spec = spec;
        this.model = model;
        this.errors = errors;
        this.usage = usage;
    }

    public ChatCall(ModelSpec spec, ChatModel model, ModelErrors errors) {
        this(spec, model, errors, ChatCall::plainUsage);
    }

    public Completion complete(String prompt) {
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder().messages(UserMessage.from(prompt)).build());
        } catch (RuntimeException e) {
            throw errors.translate(spec, e);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        Usage tokens = response.tokenUsage() == null ? Usage.NONE : usage.apply(response.tokenUsage());
        String finish = response.finishReason() == null ? "" : response.finishReason().name();
        String text = response.aiMessage() == null ? "" : response.aiMessage().text();
        return new Completion(text, tokens, latency, finish, response.modelName());
    }

    /** Input and output tokens as langchain4j reports them. */
    public static Usage plainUsage(TokenUsage tokens) {
        return new Usage(orZero(tokens.inputTokenCount()), orZero(tokens.outputTokenCount()));
    }

    public static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
