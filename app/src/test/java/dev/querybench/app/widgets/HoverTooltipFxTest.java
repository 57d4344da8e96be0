package dev.querybench.app.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.testing.Screens;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The results table's and the matrix's text cells ({@link TextTooltipCell}, a {@link HoverTooltip}):
 * none is made while the table fills its viewport; hovering a cell makes one with that cell's text and shows it; a cell that then shows another item shows
 * that item's text; a text of several lines is one line in the cell and whole in the tooltip; a blank cell has none.
 */
@ExtendWith(ApplicationExtension.class)
class HoverTooltipFxTest {

    private TableView<String> table;
    private final List<TextTooltipCell<String>> cells = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        table = new TableView<>();
        TableColumn<String, String> column = new TableColumn<>("Question");
        column.setPrefWidth(300);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue()));
        column.setCellFactory(col -> {
            TextTooltipCell<String> cell = new TextTooltipCell<>("");
            cells.add(cell);
            return cell;
        });
        table.getColumns().add(column);
        table.setItems(FXCollections.observableArrayList("How many customers are there?", "",
                "List the names of all stores"));
        stage.setScene(new Scene(table, 400, 300));
        stage.show();
    }

    @Test
    void aCellMakesItsTooltipWhenHoveredWithItsCurrentText(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Screens.fx(() -> cells.stream().filter(cell -> cell.getTooltip() != null).count()))
                .as("tooltips made before any hover").isZero();

        TextTooltipCell<String> first = cell("How many customers are there?");
        // from the header down to row 1, crossing no other cell
        robot.moveTo(table.lookup(".column-header")).moveTo(first);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> first.getTooltip() != null
                && first.getTooltip().isShowing());
        assertThat(Screens.fx(() -> first.getTooltip().getText())).isEqualTo("How many customers are there?");
        assertThat(Screens.fx(() -> first.getTooltip().isWrapText())).isTrue();
        long others = Screens.fx(() -> cells.stream().filter(cell -> cell != first && cell.getTooltip() != null).count());
        assertThat(others).as("tooltips of cells never hovered").isZero();

        // the cell shows another item (as when the table scrolls): its tooltip follows
        robot.interact(() -> first.updateItem("What are the five most expensive products?", false));
        assertThat(first.getTooltip().getText()).isEqualTo("What are the five most expensive products?");
        // a database error's lines: one line in the cell (the rows have a fixed height), whole in the tooltip
        String error = "Execution error: relation \"x\" does not exist\n  Position: 15";
        robot.interact(() -> first.updateItem(error, false));
        assertThat(first.getText()).isEqualTo("Execution error: relation \"x\" does not exist Position: 15");
        assertThat(first.getTooltip().getText()).isEqualTo(error);
        robot.interact(() -> first.updateItem(null, true));
        assertThat(first.getTooltip()).as("an empty cell's tooltip").isNull();

        TextTooltipCell<String> blank = Screens.fx(() -> cells.stream().filter(cell -> cell.getIndex() == 1).findFirst().orElseThrow());
        robot.moveTo(cell("List the names of all stores")).moveTo(blank);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(blank.getTooltip()).as("a blank cell's tooltip").isNull();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .noneMatch(window -> window instanceof javafx.scene.control.Tooltip && window.isShowing()));
    }

    private TextTooltipCell<String> cell(String text) throws Exception {
        return Screens.fx(() -> cells.stream().filter(cell -> text.equals(cell.getText())).findFirst().orElseThrow());
    }
}
