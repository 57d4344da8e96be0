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

    /**
     * Sends one user message for one repeat of an item ({@code repeat} 0 is the first). Models
     * that keep answers keep one per repeat, so a repeat is a fresh sample the first time and
     * never paid twice; others ignore the repeat.
     */
    default Completion complete(String prompt, int repeat) {
        return complete(prompt);
    }
}
