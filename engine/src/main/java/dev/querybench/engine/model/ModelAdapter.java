package dev.querybench.engine.model;

/**
 * A chat model behind one provider's API. Implementations are thread-safe: a run calls one
 * adapter from many threads at once.
 */
public interface ModelAdapter {

    /** The provider and model this adapter calls. */
    ModelSpec spec();

    /**
     * Sends one user message and waits for the answer.
     *
     * @throws ModelException with a category and remedy when the call fails
     */
    Completion complete(String prompt);
}
