package dev.querybench.app.widgets;

import javafx.scene.control.TableCell;

/**
 * A table cell of text that may not fit: cut with an ellipsis, shown whole in a wrapped tooltip
 * made on first hover ({@link HoverTooltip}). An empty text shows nothing and has no tooltip.
 *
 * @param <S> the table's row type
 */
public class TextTooltipCell<S> extends TableCell<S, String> {

    private final HoverTooltip tooltip = HoverTooltip.wrapped(this, this::getText);

    /** A cell styled with {@code styleClass} too, unless it is empty. */
    public TextTooltipCell(String styleClass) {
        if (!styleClass.isEmpty()) {
            getStyleClass().add(styleClass);
        }
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null || item.isEmpty() ? null : item);
        tooltip.refresh();
    }
}
