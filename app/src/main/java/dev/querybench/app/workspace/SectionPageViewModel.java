package dev.querybench.app.workspace;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A read-only page about one part of the workspace: a title, a summary and a list of lines,
 * with an optional action (such as running the health checks again).
 */
public final class SectionPageViewModel {

    private final Section section;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<SectionLine> lines = FXCollections.observableArrayList();
    private final ObservableList<SectionLine> linesView = FXCollections.unmodifiableObservableList(lines);
    private final String actionLabel;
    private final Runnable action;

    SectionPageViewModel(Section section, String actionLabel, Runnable action) {
        this.section = section;
        this.actionLabel = actionLabel;
        this.action = action;
    }

    SectionPageViewModel(Section section) {
        this(section, "", () -> { });
    }

    public String title() {
        return section.label();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the page says while it has no lines. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** True while its content is being read in the background. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<SectionLine> lines() {
        return linesView;
    }

    /** The action button's text; empty when the page has no action. */
    public String actionLabel() {
        return actionLabel;
    }

    public void runAction() {
        if (!busy.get()) {
            action.run();
        }
    }

    void setSummary(String text) {
        summary.set(text);
    }

    void setEmptyText(String text) {
        emptyText.set(text);
    }

    void setBusy(boolean value) {
        busy.set(value);
    }

    void setLines(java.util.List<SectionLine> content) {
        lines.setAll(content);
    }
}
