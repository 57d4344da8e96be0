package dev.querybench.app.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.testing.Screens;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wheel deep in a million rows of fixed height: a table with {@link WheelScroll} shows the same
 * first row after each step as one that JavaFX scrolls itself, down and up; an upward step at the
 * top, a sideways step and a table that fits its viewport are left to JavaFX.
 */
@ExtendWith(ApplicationExtension.class)
class WheelScrollFxTest {

    private static final double ROW = 28;

    private TableView<Integer> ours;
    private TableView<Integer> javafx;
    /** Wheel steps that reached our table's flow, where JavaFX's own handler is. */
    private final java.util.concurrent.atomic.AtomicInteger reachedJavaFx = new java.util.concurrent.atomic.AtomicInteger();

    @Start
    void start(Stage stage) {
        ours = table();
        WheelScroll.install(ours);
        javafx = table();
        stage.setScene(new Scene(new HBox(ours, javafx), 800, 300));
        stage.show();
    }

    private static TableView<Integer> table() {
        TableView<Integer> table = new TableView<>(
                FXCollections.observableArrayList(IntStream.range(0, 1_000_000).boxed().toList()));
        TableColumn<Integer, Integer> column = new TableColumn<>("row");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        table.getColumns().add(column);
        table.setFixedCellSize(ROW);
        table.setPrefSize(400, 300);
        return table;
    }

    @Test
    void eachWheelStepShowsTheRowsJavaFxWouldDeepInAMillionRows() throws Exception {
        Screens.fx(() -> {
            ours.scrollTo(350_000);
            javafx.scrollTo(350_000);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screens.fx(() -> {
            flow(ours).addEventHandler(ScrollEvent.SCROLL, event -> reachedJavaFx.incrementAndGet());
            return null;
        });
        int start = firstRow(ours);
        assertThat(start).isBetween(349_990, 350_010).isEqualTo(firstRow(javafx));

        for (double step : new double[] {-120, -120, -40, 120, 40, -400, 400, 120}) {
            wheel(ours, step);
            wheel(javafx, step);
            assertThat(firstRow(ours)).as("first row after a step of %s px", step).isEqualTo(firstRow(javafx));
        }
        assertThat(firstRow(ours)).as("the steps add up to none").isEqualTo(start);
        assertThat(reachedJavaFx).as("steps JavaFX's handler saw in our table").hasValue(0);
        wheel(ours, -28 * 10);
        assertThat(firstRow(ours)).as("ten rows down").isEqualTo(start + 10);
    }

    @Test
    void stepsAtTheTopSidewaysAndInATableThatFitsAreLeftToJavaFx() throws Exception {
        assertThat(Screens.fx(() -> WheelScroll.scroll(ours, 0, 40))).as("up at the top").isFalse();
        assertThat(Screens.fx(() -> WheelScroll.scroll(ours, 30, -40))).as("a sideways step").isFalse();
        assertThat(Screens.fx(() -> WheelScroll.scroll(ours, 0, -40))).as("down at the top").isTrue();
        Screens.fx(() -> ours.getItems().setAll(1, 2, 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Screens.fx(() -> WheelScroll.scroll(ours, 0, -40))).as("three rows that fit").isFalse();
    }

    /** A wheel step of {@code deltaY} pixels over the table's rows, as the platform sends it. */
    private static void wheel(TableView<Integer> table, double deltaY) throws Exception {
        Screens.fx(() -> {
            Event.fireEvent(flow(table), new ScrollEvent(ScrollEvent.SCROLL, 200, 150, 200, 150, false, false, false,
                    false, false, false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int firstRow(TableView<Integer> table) throws Exception {
        return Screens.fx(() -> flow(table).getFirstVisibleCell().getIndex());
    }

    private static VirtualFlow<?> flow(TableView<Integer> table) {
        return (VirtualFlow<?>) table.lookup(".virtual-flow");
    }
}
