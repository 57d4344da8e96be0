package dev.querybench.app.widgets;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/**
 * A window's pages, stacked (the main window's sections), of which only the visible one is shown: a page joins the
 * scene graph the first time it becomes visible, so the window's first frame styles, skins and
 * lays out the page on screen rather than all six (a large share of the start-up time).
 * Once shown a page stays, keeping its scroll positions and state. Call on the FX thread.
 */
public final class LazyPages {

    private final StackPane stack;
    private final List<Node> all;
    private final List<Node> attached = new ArrayList<>();

    /** Takes over {@code stack}'s children: the visible ones stay, the others wait for their turn. */
    public LazyPages(StackPane stack) {
        this.stack = stack;
        this.all = List.copyOf(stack.getChildren());
        for (Node page : all) {
            if (page.isVisible()) {
                attached.add(page);
            } else {
                page.visibleProperty().addListener((obs, was, is) -> {
                    if (is) {
                        attach(page);
                    }
                });
            }
        }
        stack.getChildren().setAll(attached);
    }

    /** Every page, shown yet or not, in stacking order. */
    public List<Node> all() {
        return all;
    }

    /** True once {@code page} is part of the scene graph. */
    public boolean attached(Node page) {
        return attached.contains(page);
    }

    private void attach(Node page) {
        if (attached.contains(page)) {
            return;
        }
        attached.add(page);
        // keep the stacking order of the FXML
        stack.getChildren().setAll(all.stream().filter(attached::contains).toList());
    }
}
