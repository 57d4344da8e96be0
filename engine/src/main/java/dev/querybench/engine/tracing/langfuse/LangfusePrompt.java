package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One version of a prompt in Langfuse's prompt management.
 *
 * @param name the prompt's name (may contain folders, such as {@code sql/basic})
 * @param version its version, from 1
 * @param type {@code text} or {@code chat}
 * @param text the template of a text prompt; for a chat prompt, its single message's content (null
 *     when it has several messages)
 * @param labels deployment labels of this version (such as {@code production}, {@code latest})
 * @param config the prompt's free-form config, or a null node
 */
public record LangfusePrompt(String name, int version, String type, String text, List<String> labels,
        JsonNode config) {

    public LangfusePrompt {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
