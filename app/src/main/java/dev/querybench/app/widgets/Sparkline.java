package dev.querybench.app.widgets;

import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;

/** A small latency line: values left to right, oldest first; a negative value marks a failure as a red dot. */
public final class Sparkline extends Region {

    private final Polyline line = new Polyline();
    private List<Double> values = List.of();

    public Sparkline() {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        setPrefSize(160, 34);
        setMinSize(80, 24);
    }

    public void set(List<Double> newValues) {
        values = List.copyOf(newValues);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        getChildren().clear();
        double w = getWidth() - 4;
        double h = getHeight() - 6;
        if (values.isEmpty() || w <= 0 || h <= 0) {
            return;
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        max = Math.max(max, 1);
        line.getPoints().clear();
        int n = values.size();
        for (int i = 0; i < n; i++) {
            double x = 2 + (n == 1 ? w / 2 : w * i / (n - 1));
            double v = values.get(i);
            if (v < 0) {
                Circle failure = new Circle(x, 3 + h, 2.5);
                failure.getStyleClass().add("sparkline-failure");
                getChildren().add(failure);
            } else {
                line.getPoints().addAll(x, 3 + h - h * v / max);
            }
        }
        getChildren().addFirst(line);
        int points = line.getPoints().size() / 2;
        if (points >= 1) {
            // The newest answered check as a dot, so a single check is visible too.
            Circle last = new Circle(line.getPoints().get(2 * points - 2), line.getPoints().get(2 * points - 1), 2.5);
            last.getStyleClass().add("sparkline-point");
            getChildren().add(last);
        }
    }
}
