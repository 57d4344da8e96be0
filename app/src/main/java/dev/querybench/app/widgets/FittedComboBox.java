package dev.querybench.app.widgets;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.ComboBoxListViewSkin;

/**
 * A combo box as wide as the value it shows rather than its widest choice, so a row of filters
 * fits and each says what it is set to; the list that opens is still as wide as its widest choice.
 * Give it {@code minWidth="-Infinity"} (its preferred width) where it must never be cut.
 */
public class FittedComboBox<T> extends ComboBox<T> {

    @Override
    protected Skin<?> createDefaultSkin() {
        return new FittedSkin<>(this);
    }

    private static final class FittedSkin<T> extends ComboBoxListViewSkin<T> {

        FittedSkin(ComboBox<T> box) {
            super(box);
        }

        @Override
        protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
            // The default is the wider of the shown value and the list; the call also sizes the popup, so it stays.
            super.computePrefWidth(height, top, right, bottom, left);
            Node arrow = getSkinnable().lookup(".arrow-button");
            double arrowWidth = arrow == null ? 0 : snapSizeX(arrow.prefWidth(-1));
            return left + snapSizeX(getDisplayNode().prefWidth(height)) + arrowWidth + right;
        }
    }
}
