package dev.querybench.app.widgets;

import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;

/**
 * Mouse-wheel scrolling of a table whose rows have a fixed height, done by moving its virtual flow's
 * position. JavaFX's own handler ({@code VirtualFlow.scrollPixels}) re-estimates the flow's size on
 * every wheel step and, to keep the offset, adds up a size for every row above the one on top: once
 * a thumb drag had taken the grid to row 350,000 of a million, each step cost the FX thread tens of
 * milliseconds (stalls of 99–226 ms in the grid benchmark's wheel check after the drags). With a
 * fixed row height the position of a pixel offset is arithmetic. A step at either end, a sideways
 * step, or a table without a fixed row height is left to JavaFX. FX thread.
 */
public final class WheelScroll {

    private WheelScroll() {}

    /** Scrolls {@code table} by the wheel's pixels through its flow's position. */
    public static void install(TableView<?> table) {
        table.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (scroll(table, event.getDeltaX(), event.getDeltaY())) {
                event.consume();
            }
        });
    }

    /** Moves the rows by {@code deltaY} pixels (negative: down the table); false when left to JavaFX. */
    static boolean scroll(TableView<?> table, double deltaX, double deltaY) {
        double rowHeight = table.getFixedCellSize();
        if (rowHeight <= 0 || deltaY == 0 || deltaX != 0
                || !(table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return false;
        }
        double range = table.getItems().size() * rowHeight - flow.getHeight();
        if (range <= 0) {
            return false;
        }
        double position = Math.clamp(flow.getPosition() - deltaY / range, 0, 1);
        if (position == flow.getPosition()) {
            return false;
        }
        flow.setPosition(position);
        return true;
    }
}
