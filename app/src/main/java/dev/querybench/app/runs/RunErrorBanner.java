package dev.querybench.app.runs;

import dev.querybench.app.core.DialogService;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The run screen's error banner: what stopped the run in plain words, the next step, and the
 * technical details behind a link (secrets redacted). Call from the UI thread only.
 */
public final class RunErrorBanner {

    private final DialogService dialogs;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper remedy = new ReadOnlyStringWrapper(this, "remedy", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");

    RunErrorBanner(DialogService dialogs) {
        this.dialogs = dialogs;
        shown.bind(message.isNotEmpty());
    }

    /** Shows why the run stopped. */
    void show(Throwable failure) {
        QueryBenchException known = find(failure);
        String text;
        if (known != null) {
            message.set(sentence(known.error().message()));
            remedy.set(sentence(known.error().remedy()));
            text = "Category: " + known.error().category() + (known.getCause() == null ? "" : "\n" + chain(known.getCause()));
        } else {
            message.set("The run stopped because of an unexpected problem (" + failure.getClass().getSimpleName() + ").");
            remedy.set("Try again. If it happens again, report it with the details.");
            text = chain(failure);
        }
        details.set(Redactor.none().redact(text));
    }

    /** Shows why a run is incomplete and how to finish it ({@link IncompleteRun}). */
    void show(IncompleteRun incomplete) {
        message.set(incomplete.cause());
        remedy.set(incomplete.remedy());
        details.set(Redactor.none().redact(incomplete.status() + "\n" + incomplete.cause() + "\n" + incomplete.remedy()));
    }

    public void dismiss() {
        message.set("");
        remedy.set("");
        details.set("");
    }

    /** Opens the technical details of the shown error. */
    public void showDetails() {
        if (shown.get()) {
            dialogs.showError("Run problem", message.get(), remedy.get(), details.get());
        }
    }

    static String sentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String s = dev.querybench.app.text.Wording.sentence(text.strip());
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
    }

    private static QueryBenchException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QueryBenchException q) {
                return q;
            }
        }
        return null;
    }

    private static String chain(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append("\ncaused by ");
            }
            out.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return out.toString();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty remedyProperty() {
        return remedy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }
}
