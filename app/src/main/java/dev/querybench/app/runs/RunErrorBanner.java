package dev.querybench.app.runs;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The run screen's error banner: what stopped the run in plain words, the next step, and the
 * technical details behind a link (secrets redacted). Call from the UI thread only.
 */
public final class RunErrorBanner {

    private final DialogService dialogs;
    private static final Explanation NONE = new Explanation("", "", "");

    /** What stopped the run, where and the fix: the one model every surface shows a failure through. */
    private final ReadOnlyObjectWrapper<Explanation> problem = new ReadOnlyObjectWrapper<>(this, "problem", NONE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper remedy = new ReadOnlyStringWrapper(this, "remedy", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");

    RunErrorBanner(DialogService dialogs) {
        this.dialogs = dialogs;
        message.bind(Bindings.createStringBinding(() -> problem.get().headline(), problem));
        remedy.bind(Bindings.createStringBinding(() -> problem.get().fix(), problem));
        shown.bind(message.isNotEmpty());
    }

    /** Shows why the run stopped. */
    void show(Throwable failure) {
        QueryBenchException known = find(failure);
        String text;
        if (known != null) {
            problem.set(Wording.sentences(Explanation.of(known)));
            text = "Category: " + known.error().category() + (known.getCause() == null ? "" : "\n" + chain(known.getCause()));
        } else {
            problem.set(new Explanation("The run stopped because of an unexpected problem ("
                    + failure.getClass().getSimpleName() + ").", "", "Try again. If it happens again, report it with"
                    + " the details."));
            text = chain(failure);
        }
        details.set(Redactor.none().redact(text));
    }

    /** Shows why a run is incomplete and how to finish it ({@link IncompleteRun}). */
    void show(IncompleteRun incomplete) {
        problem.set(incomplete.explanation());
        details.set(Redactor.none().redact(incomplete.status() + "\n" + incomplete.cause() + "\n" + incomplete.remedy()));
    }

    public void dismiss() {
        problem.set(NONE);
        details.set("");
    }

    /** Opens the technical details of the shown error. */
    public void showDetails() {
        if (shown.get()) {
            dialogs.showError("Run problem", problem.get(), details.get());
        }
    }

    static String sentence(String text) {
        return Wording.fullSentence(text);
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

    /** The shown failure (what, where, fix); blank parts when none is shown. */
    public ReadOnlyObjectProperty<Explanation> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The shown failure's headline (where and what). */
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
