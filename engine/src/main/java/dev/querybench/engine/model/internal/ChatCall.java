package dev.querybench.engine.model.internal;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One user message to a langchain4j chat model, timed, with the answer turned into a
 * {@link Completion} and failures into {@link ModelException}s explained by the
 * {@link ErrorHandler}. An empty answer withheld by the provider's safety system is a failure
 * too. The part every vendor adapter shares; vendors adjust how usage is read and how a refusal
 * is recognised. Immutable and thread-safe when the chat model is (langchain4j's are).
 */
public final class ChatCall {

    private final ModelSpec spec;
    private final ChatModel model;
    private final ErrorHandler errors;
    private final Function<TokenUsage, Usage> usage;
    private final Predicate<ChatResponse> withheld;

    private ChatCall(ModelSpec spec, ChatModel model, ErrorHandler errors, Function<TokenUsage, Usage> usage,
            Predicate<ChatResponse> withheld) {
        this.spec = spec;
        this.model = model;
        this.errors = errors;
        this.usage = usage;
        this.withheld = withheld;
    }

    public ChatCall(ModelSpec spec, ChatModel model, ErrorHandler errors) {
        this(spec, model, errors, ChatCall::plainUsage, r -> r.finishReason() == FinishReason.CONTENT_FILTER);
    }

    /** The same call reading token usage with {@code reader} (vendors differ in what they bill as output). */
    public ChatCall withUsage(Function<TokenUsage, Usage> reader) {
        return new ChatCall(spec, model, errors, reader, withheld);
    }

    /** The same call also treating answers that match {@code refusal} as withheld. */
    public ChatCall withRefusal(Predicate<ChatResponse> refusal) {
        return new ChatCall(spec, model, errors, usage, withheld.or(refusal));
    }

    public Completion complete(String prompt) {
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder().messages(UserMessage.from(prompt)).build());
        } catch (RuntimeException e) {
            throw new ModelException(errors.handleModelError(spec.provider(), spec.model(), e), null);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        Usage tokens = response.tokenUsage() == null ? Usage.NONE : usage.apply(response.tokenUsage());
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                : response.aiMessage().text();
        if (text.isBlank() && withheld.test(response)) {
            throw new ModelException(errors.contentFiltered(spec.provider(), spec.model()), null);
        }
        String finish = response.finishReason() == null ? "" : response.finishReason().name();
        return new Completion(text, tokens, latency, finish, response.modelName(), Provenance.direct(spec));
    }

    /** Input and output tokens as langchain4j reports them. */
    public static Usage plainUsage(TokenUsage tokens) {
        return new Usage(orZero(tokens.inputTokenCount()), orZero(tokens.outputTokenCount()));
    }

    public static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
