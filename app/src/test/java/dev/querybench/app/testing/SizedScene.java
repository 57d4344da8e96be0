package dev.querybench.app.testing;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * A window's screen laid out in a scene of its own, at a size the headless platform's screen cannot
 * give a window (1920×1080; a scene not in a window can take it), for screenshots; {@link #close()}
 * puts the screen back in its window. Meanwhile the window shows an empty group. Call from the test
 * thread; each step runs on the FX thread.
 */
public final class SizedScene implements AutoCloseable {

    private final Scene window;
    private final Parent root;
    private Scene scene;

    private SizedScene(Scene window) {
        this.window = window;
        this.root = window.getRoot();
        window.setRoot(new Group());
    }

    /** Takes the screen out of {@code window}. */
    public static SizedScene from(Scene window) throws Exception {
        return Screens.fx(() -> new SizedScene(window));
    }

    /** The screen, wherever it is shown. */
    public Parent root() {
        return root;
    }

    /** Shows the screen in a scene of this size, with these stylesheets. */
    public void resize(double width, double height, List<String> stylesheets) throws Exception {
        Screens.fx(() -> {
            if (scene != null) {
                scene.setRoot(new Group());
            }
            scene = new Scene(root, width, height);
            scene.getStylesheets().setAll(stylesheets);
            return null;
        });
    }

    /** Gives the sized scene these stylesheets (a theme). */
    public void restyle(List<String> stylesheets) throws Exception {
        Screens.fx(() -> scene.getStylesheets().setAll(stylesheets));
    }

    /** Lays the screen out again at the scene's size and writes it as {@code name} (a PNG). */
    public Path shoot(String name) throws Exception {
        Screens.fx(() -> {
            root.applyCss();
            root.layout();
            return null;
        });
        return Screens.screenshot(scene, name);
    }

    @Override
    public void close() throws Exception {
        Screens.fx(() -> {
            if (scene != null) {
                scene.setRoot(new Group());
            }
            window.setRoot(root);
            return null;
        });
    }
}
