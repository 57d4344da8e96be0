package dev.querybench.app.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A million paged rows in a real table: a page arriving keeps the selection and reads no other page. */
@ExtendWith(ApplicationExtension.class)
class PagedRowsFxTest {

    private final List<Long> asked = new ArrayList<>();
    private final Map<Long, Consumer<List<List<String>>>> waiting = new HashMap<>();
    private final PagedRows rows = new PagedRows(1_000_000, 500, PagedRows.DEFAULT_CACHE_BYTES, (page, deliver) -> {
        asked.add(page);
        waiting.put(page, deliver);
    });
    private TableView<GridRow> table;

    @Start
    void start(Stage stage) {
        table = new TableView<>(rows);
        table.getColumns().add(new TableColumn<GridRow, Object>("index"));
        table.getColumns().getFirst().setCellValueFactory(new PropertyValueFactory<>("index"));
        table.setFixedCellSize(24);
        stage.setScene(new Scene(table, 400, 300));
        stage.show();
    }

    @Test
    void aSelectedRowStaysSelectedWhenItsPageArrivesAndNoOtherPageIsRead(FxRobot robot) {
        robot.interact(() -> {
            table.scrollTo(900_000);
            table.getSelectionModel().select(900_000);
        });
        robot.interact(() -> {
            assertThat(table.getSelectionModel().getSelectedItem().loaded()).as("selected before its page came").isFalse();
            asked.clear();
            List<List<String>> page = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                page.add(List.of("v" + i));
            }
            waiting.get(1800L).accept(page);
        });
        robot.interact(() -> {
            assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(900_000);
            assertThat(table.getSelectionModel().getSelectedItem().loaded()).isTrue();
            assertThat(asked).as("the selection found its row without reading the pages before it").isEmpty();
            assertThat(rows.indexOf(GridRow.pending(999_999))).isEqualTo(999_999);
            assertThat(rows.indexOf(GridRow.pending(1_000_000))).isEqualTo(-1);
            assertThat(rows.contains("not a row")).isFalse();
        });
    }
}
