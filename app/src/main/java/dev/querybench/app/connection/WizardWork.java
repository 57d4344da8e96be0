package dev.querybench.app.connection;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.errors.Explanation;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The wizard's background work: one busy flag for all its pages, work on the {@link TaskRunner},
 * and failures in the user's words (what went wrong — the fix). Used on the FX thread only.
 */
final class WizardWork {

    private final TaskRunner tasks;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    WizardWork(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /** Runs {@code work} off the FX thread; {@code done} or {@code failed} (with a message) run back on it. */
    <T> void submit(Callable<T> work, Consumer<? super T> done, Consumer<String> failed) {
        busy.set(true);
        tasks.submit(work, result -> {
            busy.set(false);
            done.accept(result);
        }, failure -> {
            busy.set(false);
            failed.accept(message(failure));
        });
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** A failure in one line: what went wrong, and the fix when there is one. */
    static String message(Throwable failure) {
        return Explanation.of(failure).oneLine();
    }

    /** Engine details start in lower case for the CLI; a line shows them as a sentence, but never "Jdbc:…". */
    static String sentence(String text) {
        return Wording.sentence(text);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String emptyToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    /** A profile name from what was typed: only letters, digits, dots, dashes and underscores. */
    static String name(String given, String fallback) {
        String n = blank(given) ? fallback : given.strip();
        return n.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
