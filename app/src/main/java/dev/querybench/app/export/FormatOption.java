package dev.querybench.app.export;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A report format the user can tick. */
public final class FormatOption {

    private final String id;
    private final String label;
    private final BooleanProperty selected;

    FormatOption(String id, String label, boolean selected) {
        this.id = id;
        this.label = label;
        this.selected = new SimpleBooleanProperty(this, "selected", selected);
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }
}
