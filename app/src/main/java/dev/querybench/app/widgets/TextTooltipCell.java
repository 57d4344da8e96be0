package dev.querybench.app.widgets;

import java.util.regex.Pattern;
import javafx.scene.control.TableCell;

/**
 * A table cell of text that may not fit: on one line (the tables' rows have a fixed height, so a
 * database error's second line would be cut off), cut with an ellipsis, and shown whole, line
 * breaks and all, in a wrapped tooltip made on first hover ({@link HoverTooltip}). An empty text
 * shows nothing and has no tooltip.
 *
 * @param <S> the table's row type
 */
public final class TextTooltipCell<S> extends TableCell<S, String> {

    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    private String whole;
    private final HoverTooltip tooltip = HoverTooltip.wrapped(this, () -> whole);

    /** A cell styled with {@code styleClass} too, unless it is empty. */
    public TextTooltipCell(String styleClass) {
        if (!styleClass.isEmpty()) {
            getStyleClass().add(styleClass);
        }
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        whole = empty || item == null || item.isBlank() ? null : item;
        setText(whole == null ? null : oneLine(whole));
        tooltip.refresh();
    }

    /** {@code text} with each line break and the blanks around it as one space. */
    static String oneLine(String text) {
        return LINE_BREAK.matcher(text.strip()).replaceAll(" ");
    }
}
