package dev.querybench.app.runs;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A model the user can add to a run besides the main one, to compare models side by side. */
public final class ModelOption {

    private final ModelChoice choice;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");

    public ModelOption(ModelChoice choice) {
        this.choice = choice;
    }

    public ModelChoice choice() {
        return choice;
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
