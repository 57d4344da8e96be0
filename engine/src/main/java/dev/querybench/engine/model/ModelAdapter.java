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

    /**
     * Like {@link #complete(String, int)}, running {@code answered} as soon as the model's answer is
     * in hand, before what the adapter does with it afterwards (a {@code ResilientModel} commits it
     * to the response cache): a caller holding a concurrency slot for the call can give it back
     * while the answer is being stored. {@code answered} may not run at all (a cached answer, a
     * failure), and the caller must not rely on it to run; adapters that do nothing after the call
     * leave it to the caller, as this default does.
     */
    default Completion complete(String prompt, int repeat, Runnable answered) {
        return complete(prompt, repeat);
    }
}
