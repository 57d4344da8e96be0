import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor of a JavaFX start on this machine, for app/bench/floor.sh: one label in a window of the
 * workbench's default size (1360×860, the default stylesheet), with the ready file written at the
 * same point as the workbench writes its own (the third animation-timer call after showing the
 * window, see widgets/FirstFrame). FLOOR_READY names the file; FLOOR_EXIT set ends the process then
 * (for the AOT training run).
 */
public final class Floor {

    private Floor() {}

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("QueryBench start-up floor"), 1360, 860));
            stage.show();
            new AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    if (++frames < 3) {
                        return;
                    }
                    stop();
                    try {
                        Files.writeString(Path.of(System.getenv("FLOOR_READY")), "ready\n");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (System.getenv("FLOOR_EXIT") != null) {
                        Platform.exit();
                    }
                }
            }.start();
        }
    }
}
