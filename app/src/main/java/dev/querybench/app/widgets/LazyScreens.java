package dev.querybench.app.widgets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.util.Callback;

/**
 * A window's stacked screens (the main window's sections), each built from its FXML the first time
 * it is shown: the window's first frame loads, styles and lays out only the screen in front, not
 * all six (most of the start-up time went into the others). Once built a screen stays, keeping its
 * state; only the one in front is visible. Call on the FX thread.
 */
public final class LazyScreens {

    private final StackPane stack;
    /** What the stack held before: stays below the screens. */
    private final List<Node> fixed;
    private final Callback<Class<?>, Object> controllers;
    /** Every screen added, in stacking order, built or not. */
    private final List<Screen<?>> screens = new ArrayList<>();
    private final List<Consumer<Node>> onBuilt = new ArrayList<>();

    /**
     * @param stack where the screens go, above what it holds already
     * @param controllers makes each FXML's controller, as {@link FXMLLoader#setControllerFactory}
     */
    public LazyScreens(StackPane stack, Callback<Class<?>, Object> controllers) {
        this.stack = stack;
        this.fixed = List.copyOf(stack.getChildren());
        this.controllers = controllers;
    }

    /**
     * Adds a screen built from {@code fxml} once {@code showing} is true (at once if it is now);
     * {@code wire} then receives its root and its controller, before it joins the window.
     */
    public <C> void add(URL fxml, ObservableBooleanValue showing, Class<C> controllerType, BiConsumer<Node, C> wire) {
        Screen<C> screen = new Screen<>(Objects.requireNonNull(fxml, "fxml"), showing, controllerType, wire);
        screens.add(screen);
        if (showing.get()) {
            screen.build();
        } else {
            showing.addListener(screen.trigger);
        }
    }

    /** Runs {@code action} with each screen's root when it is built from now on (not for those built already). */
    public void onBuilt(Consumer<Node> action) {
        onBuilt.add(action);
    }

    /** The roots of the screens built so far, in stacking order. */
    public List<Node> built() {
        return screens.stream().filter(s -> s.root != null).<Node>map(s -> s.root).toList();
    }

    /** True once the screen of {@code fxml} is built. */
    public boolean isBuilt(URL fxml) {
        return screens.stream().anyMatch(s -> s.fxml.equals(fxml) && s.root != null);
    }

    private final class Screen<C> {
        private final URL fxml;
        private final ObservableBooleanValue showing;
        private final Class<C> controllerType;
        private final BiConsumer<Node, C> wire;
        private final ChangeListener<Boolean> trigger = (obs, was, is) -> {
            if (is) {
                build();
            }
        };
        private Node root;

        Screen(URL fxml, ObservableBooleanValue showing, Class<C> controllerType, BiConsumer<Node, C> wire) {
            this.fxml = fxml;
            this.showing = showing;
            this.controllerType = controllerType;
            this.wire = wire;
        }

        void build() {
            if (root != null) {
                return;
            }
            showing.removeListener(trigger);
            FXMLLoader loader = new FXMLLoader(fxml);
            loader.setControllerFactory(controllers);
            try {
                root = loader.load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + fxml, e);
            }
            root.visibleProperty().bind(showing);
            wire.accept(root, controllerType.cast(loader.getController()));
            List<Node> children = new ArrayList<>(fixed);
            children.addAll(built());
            stack.getChildren().setAll(children);
            onBuilt.forEach(action -> action.accept(root));
        }
    }
}
