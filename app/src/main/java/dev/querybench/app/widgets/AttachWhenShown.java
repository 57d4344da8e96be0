package dev.querybench.app.widgets;

import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.layout.Pane;

/**
 * Keeps a part of a screen that starts hidden (a folded card, a banner, a detail pane, a tab not
 * selected) out of the scene graph until it is first shown, then puts it back where its FXML had
 * it. JavaFX styles, skins and lays out hidden nodes like shown ones (and a tab pane every tab's
 * content), so the Runs screen's hidden parts (the folded setup card with its combo boxes, the
 * detail pane's two text areas, the banners, the History tab's table) were work for the window's
 * first frame that nobody saw (docs/workbench.md, "Start-up"). The node keeps its bindings
 * meanwhile, and once attached it stays: hiding it again is its visibility's job. FX thread.
 */
public final class AttachWhenShown {

    private AttachWhenShown() {}

    /**
     * Takes {@code node} out of its parent while it is invisible and attaches it the first time it
     * becomes visible; does nothing when it is visible already. Call it once the node's visibility
     * is bound to what shows it.
     *
     * @throws IllegalArgumentException when {@code node} has no parent pane to return to
     */
    public static void whenVisible(Node node) {
        ObservableBooleanValue shown = node.visibleProperty();
        if (!(node.getParent() instanceof Pane parent)) {
            throw new IllegalArgumentException("the node must be a child of a pane, not of " + node.getParent());
        }
        if (shown.get()) {
            return;
        }
        List<Node> order = List.copyOf(parent.getChildren());
        parent.getChildren().remove(node);
        shown.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean is) {
                if (is) {
                    shown.removeListener(this);
                    parent.getChildren().add(indexAmong(parent.getChildren(), order, node), node);
                }
            }
        });
    }

    /** Leaves {@code tab}'s content out of the scene graph until the tab is first selected. */
    public static void whenSelected(Tab tab) {
        Node content = tab.getContent();
        if (tab.isSelected() || content == null) {
            return;
        }
        tab.setContent(null);
        tab.selectedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean is) {
                if (is) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content);
                }
            }
        });
    }

    /** Where {@code node} goes: before the first present sibling that came after it in {@code order}. */
    static int indexAmong(List<Node> children, List<Node> order, Node node) {
        int position = order.indexOf(node);
        for (int i = 0; i < children.size(); i++) {
            if (order.indexOf(children.get(i)) > position) {
                return i;
            }
        }
        return children.size();
    }
}
