package dev.querybench.app.workspace;

import dev.querybench.app.health.HealthViewModel;
import dev.querybench.app.runs.RunViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's changing parts: the chosen model, the running job, and health. Health comes from
 * the Health panel's own counts, as does the navigator's Health entry, so the two never disagree:
 * one dot colour, one set of numbers. FX thread.
 */
final class StatusBar {

    private final ReadOnlyStringWrapper modelText = new ReadOnlyStringWrapper(this, "modelText");
    private final ReadOnlyStringWrapper jobText = new ReadOnlyStringWrapper(this, "jobText");
    private final ReadOnlyBooleanWrapper jobVisible = new ReadOnlyBooleanWrapper(this, "jobVisible");
    private final ReadOnlyStringWrapper healthText = new ReadOnlyStringWrapper(this, "healthText", "Health: not checked");
    private final ReadOnlyObjectWrapper<Status> healthStatus = new ReadOnlyObjectWrapper<>(this, "healthStatus", Status.NONE);
    private final HealthViewModel health;
    private final NavigatorItem healthItem;

    StatusBar(RunViewModel runs, HealthViewModel health, NavigatorItem healthItem) {
        this.health = health;
        this.healthItem = healthItem;
        var model = runs.setup().selectedModelProperty();
        modelText.bind(Bindings.createStringBinding(() -> model.get() == null ? "Model: none"
                : "Model: " + model.get().label(), model));
        jobVisible.bind(runs.progress().totalItemsProperty().greaterThan(0).or(runs.runningProperty()));
        jobText.bind(Bindings.createStringBinding(() -> runs.progress().shortProgressTextProperty().get().isEmpty()
                ? runs.statusTextProperty().get() : "Run " + runs.progress().shortProgressTextProperty().get(),
                runs.progress().shortProgressTextProperty(), runs.statusTextProperty()));
        health.overallProperty().addListener((obs, was, is) -> showEndpoints());
        health.countsProperty().addListener((obs, was, is) -> showEndpoints());
    }

    private void showEndpoints() {
        Status dot = switch (health.overallProperty().get()) {
            case UNKNOWN -> Status.PENDING;
            case UP -> Status.OK;
            case DEGRADED -> Status.WARN;
            case DOWN -> Status.FAIL;
        };
        var counts = health.countsProperty().get();
        long attention = counts.down() + counts.degraded();
        healthItem.show(attention == 0 ? "" : Long.toString(attention), dot, counts.text());
        healthStatus.set(dot);
        healthText.set("Health: " + counts.shortText());
    }

    ReadOnlyStringProperty modelTextProperty() {
        return modelText.getReadOnlyProperty();
    }

    ReadOnlyStringProperty jobTextProperty() {
        return jobText.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty jobVisibleProperty() {
        return jobVisible.getReadOnlyProperty();
    }

    ReadOnlyStringProperty healthTextProperty() {
        return healthText.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Status> healthStatusProperty() {
        return healthStatus.getReadOnlyProperty();
    }
}
