package dev.querybench.app.compare;

import dev.querybench.app.widgets.HoverTooltip;
import javafx.scene.control.TableCell;

/** The comparison matrix's question text, the whole of it in a tooltip made on first hover. */
final class QuestionCell extends TableCell<MatrixRow, String> {
    private final HoverTooltip tooltip = HoverTooltip.install(this, this::getText, made -> { });

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        setText(empty || text == null ? "" : text);
        tooltip.refresh();
    }
}
