package dev.querybench.app.widgets;

import javafx.scene.layout.Region;

/**
 * A horizontal bar from 0 to 1 with the 95% interval drawn as a band and the value as a tick,
 * so overlapping intervals of two cards are visible at a glance.
 */
public final class IntervalBar extends Region {

    private final Region band = new Region();
    private final Region fill = new Region();
    private final Region tick = new Region();
    private double value;
    private double low;
    private double high;

    public IntervalBar() {
        getStyleClass().add("interval-bar");
        band.getStyleClass().add("interval-band");
        fill.getStyleClass().add("interval-fill");
        tick.getStyleClass().add("interval-tick");
        getChildren().addAll(fill, band, tick);
        setPrefHeight(12);
        setMinHeight(12);
        setPrefWidth(220);
    }

    public void set(double newValue, double newLow, double newHigh) {
        value = clamp(newValue);
        low = clamp(newLow);
        high = clamp(newHigh);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double x = snappedLeftInset();
        double y = snappedTopInset();
        fill.resizeRelocate(x, y + h * 0.25, w * value, h * 0.5);
        band.resizeRelocate(x + w * low, y, Math.max(2, w * (high - low)), h);
        tick.resizeRelocate(x + w * value - 1, y - 1, 2, h + 2);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
