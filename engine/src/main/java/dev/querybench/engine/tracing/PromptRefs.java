package dev.querybench.engine.tracing;

import dev.querybench.engine.prompt.PromptTemplate;
import java.util.Optional;

/** Finds the remote prompt version a local variant came from. Thread-safe implementations only. */
@FunctionalInterface
public interface PromptRefs {

    PromptRefs NONE = template -> Optional.empty();

    Optional<PromptRef> of(PromptTemplate template);
}
