package dev.querybench.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The readability check itself: an elided label fails it, the same label with room passes. */
@ExtendWith(ApplicationExtension.class)
class ReadableFxTest {

    private final Label label = new Label("Every question, whatever its level");
    private HBox root;

    @Start
    void start(Stage stage) {
        label.setId("label");
        label.setMinWidth(0);
        root = new HBox(label);
        stage.setScene(new Scene(root, 400, 100));
        stage.show();
    }

    @Test
    void anElidedLabelFailsAndTheSameLabelWithRoomPasses(FxRobot robot) throws Exception {
        robot.interact(() -> {
            label.setMaxWidth(60);
            root.layout();
        });
        assertThat(failure(() -> Readable.assertWhole(root, List.of("label"))))
                .hasMessageContaining("#label text truncated");
        assertThat(failure(() -> Readable.assertAllWhole(root))).isNotNull();

        robot.interact(() -> {
            label.setMaxWidth(Double.MAX_VALUE);
            root.layout();
        });
        assertThat(failure(() -> Readable.assertWhole(root, List.of("label")))).isNull();
        assertThat(failure(() -> Readable.assertAllWhole(root))).isNull();
    }

    /** What the check, run on the FX thread, failed with; null when it passed. */
    private static AssertionError failure(Runnable check) throws Exception {
        return Screens.fx(() -> {
            try {
                check.run();
                return null;
            } catch (AssertionError e) {
                return e;
            }
        });
    }
}
