package dev.querybench.engine.tracing;

import java.util.Objects;

/**
 * Which version of a remotely managed prompt a local prompt variant corresponds to.
 *
 * @param name the prompt's name in the prompt store (Langfuse)
 * @param version the prompt's version there
 * @param modifiedLocally true when the local file was edited after it was pulled or pushed, so it
 *     no longer is that version
 */
public record PromptRef(String name, int version, boolean modifiedLocally) {

    public PromptRef {
        Objects.requireNonNull(name, "name");
        if (version < 1) {
            throw new IllegalArgumentException("prompt versions start at 1");
        }
    }

    /** The version the run really used: the remote one only when the file is unchanged. */
    public String describe() {
        return name + " v" + version + (modifiedLocally ? " (modified locally)" : "");
    }
}
