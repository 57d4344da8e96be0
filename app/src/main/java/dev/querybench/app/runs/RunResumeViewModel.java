package dev.querybench.app.runs;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.session.WorkspaceSession;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

/** The newest unfinished run of the workspace, offered for resuming while no run is going. */
public final class RunResumeViewModel {

    private final WorkspaceSession session;
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<RunRecord> resumable = new ReadOnlyObjectWrapper<>(this, "resumable");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyStringWrapper resumeText = new ReadOnlyStringWrapper(this, "resumeText", "");

    RunResumeViewModel(WorkspaceSession session, TaskRunner tasks, ObservableBooleanValue running) {
        this.session = session;
        this.tasks = tasks;
        canResume.bind(Bindings.createBooleanBinding(() -> !running.get() && resumable.get() != null,
                running, resumable));
        resumeText.bind(Bindings.createStringBinding(() -> resumable.get() == null ? "" : "Resume run "
                + resumable.get().id() + " (" + resumable.get().status() + ", "
                + RunText.plural(resumable.get().plannedItems(), "item")
                + " planned): finished items are kept, no model is asked twice", resumable));
    }

    /** Looks for an unfinished run to offer for resuming (in the background). */
    public void refresh() {
        tasks.submit(() -> session.runStore().latestUnfinished(), found -> resumable.set(found.orElse(null)),
                failure -> resumable.set(null));
    }

    public ReadOnlyObjectProperty<RunRecord> resumableProperty() {
        return resumable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resumeTextProperty() {
        return resumeText.getReadOnlyProperty();
    }
}
