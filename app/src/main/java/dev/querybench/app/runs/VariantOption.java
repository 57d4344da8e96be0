package dev.querybench.app.runs;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A prompt variant the user can include in a run. */
public final class VariantOption {

    private final String name;
    private final String description;
    private final BooleanProperty selected;

    public VariantOption(String name, String description, boolean selected) {
        this.name = name;
        this.description = description;
        this.selected = new SimpleBooleanProperty(this, "selected", selected);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean value) {
        selected.set(value);
    }
}
