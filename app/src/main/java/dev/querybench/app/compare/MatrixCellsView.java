package dev.querybench.app.compare;

import dev.querybench.app.widgets.HoverTooltip;
import javafx.scene.control.TableCell;

/** Cells of the comparison matrix that need no view model. */
final class MatrixCellsView {

    private MatrixCellsView() {
    }

    /** The question text, the whole of it in a tooltip made on first hover. */
    static TableCell<MatrixRow, String> question() {
        return new QuestionCell();
    }

    private static final class QuestionCell extends TableCell<MatrixRow, String> {
        private final HoverTooltip tooltip = HoverTooltip.install(this, this::getText, made -> { });

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty || text == null ? "" : text);
            tooltip.refresh();
        }
    }
}
