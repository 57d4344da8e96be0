package dev.querybench.app.core;

import dev.querybench.engine.errors.Explanation;

/** Shows messages that need the user's attention. Call from the FX thread. */
public interface DialogService {

    /**
     * An error in plain words with the next step; technical details, if any, stay behind a
     * toggle. Callers pass text with secrets already redacted.
     *
     * @param title short title, for the window
     * @param message what went wrong
     * @param remedy what to do about it, or blank
     * @param details technical details, or blank
     */
    void showError(String title, String message, String remedy, String details);

    /**
     * A failure as every surface shows it ({@link Explanation}): its headline (where and what) as
     * the message, its fix as the next step.
     */
    default void showError(String title, Explanation problem, String details) {
        showError(title, problem.headline(), problem.fix(), details);
    }

    /**
     * Asks a yes/no question, such as whether to throw away unsaved changes.
     *
     * @param title short title, for the window
     * @param message the question in plain words
     * @param confirmLabel the text of the button that goes ahead ("Discard changes")
     * @return true when the user chose to go ahead
     */
    boolean confirm(String title, String message, String confirmLabel);

    /**
     * A failure about a file the user can still reach themselves, such as a report that could not be
     * opened: the message, the fix, and the path in a field with a Copy button.
     *
     * @param title short title, for the window
     * @param message what went wrong
     * @param remedy what to do about it
     * @param path the file or address to copy
     */
    void showPath(String title, String message, String remedy, String path);
}
