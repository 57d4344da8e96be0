package dev.querybench.app.workspace;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One entry of the workspace navigator: a section with a count and a status dot. */
public final class NavigatorItem {

    private final Section section;
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper(this, "badge", "");
    private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper(this, "tooltip", "");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.NONE);

    NavigatorItem(Section section) {
        this.section = section;
    }

    public Section section() {
        return section;
    }

    public String label() {
        return section.label();
    }

    /** A short count such as "54", or empty. */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** What the count and dot mean, for a tooltip. */
    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    void show(String badgeText, Status dot, String explanation) {
        badge.set(badgeText);
        status.set(dot);
        tooltip.set(explanation + " (" + section.shortcut() + ")");
    }
}
