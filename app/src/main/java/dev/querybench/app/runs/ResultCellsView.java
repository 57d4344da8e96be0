package dev.querybench.app.runs;

import dev.querybench.app.text.VerdictKind;
import dev.querybench.app.widgets.TextTooltipCell;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.Region;

/** How the results table shows its cells: long text cut with a tooltip, verdicts as pills. */
final class ResultCellsView {

    private ResultCellsView() {
    }

    /** A text column whose cells show {@code value}, styled with {@code styleClass} when not blank. */
    static void text(TableColumn<ResultRow, String> column, Function<ResultRow, String> value,
            String styleClass) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(col -> new TextTooltipCell<>(styleClass));
    }

    /** PASS, FAIL or ERROR as a coloured pill. */
    private static final class VerdictCell extends TableCell<ResultRow, VerdictKind> {
        private final Label pill = new Label();

        @Override
        protected void updateItem(VerdictKind item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            pill.setText(item.name());
            pill.setMinWidth(Region.USE_PREF_SIZE);
            pill.getStyleClass().setAll("verdict-pill", item.styleClass());
            setGraphic(pill);
        }
    }
    /** A verdict column of coloured pills. */
    static void verdict(TableColumn<ResultRow, VerdictKind> column) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().verdict()));
        column.setCellFactory(col -> new VerdictCell());
    }
}
