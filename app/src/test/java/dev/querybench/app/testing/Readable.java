package dev.querybench.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.text.Text;

/** Whether controls show their whole text at the size they were laid out at: nothing elided, nothing cut. */
public final class Readable {

    private Readable() {
    }

    /**
     * Asserts that each labelled control under {@code root} with one of {@code ids} shows its whole text (a
     * combo box: the value in its button), and each text field its whole prompt. Call on the FX thread.
     */
    public static void assertWhole(Parent root, List<String> ids) {
        for (String id : ids) {
            Node node = root.lookup("#" + id);
            assertThat(node).as("#%s", id).isNotNull();
            switch (node) {
                case ComboBox<?> box -> {
                    Labeled button = (Labeled) ((ComboBoxListViewSkin<?>) box.getSkin()).getDisplayNode();
                    assertThat(button.getText()).as("#%s value", id).isEqualTo(String.valueOf(box.getValue()));
                    assertShown(id, button);
                    assertThat(box.getWidth()).as("#%s width", id).isGreaterThanOrEqualTo(box.prefWidth(-1) - 0.5);
                }
                case Labeled labeled -> assertShown(id, labeled);
                case TextField field -> {
                    Text prompt = new Text(field.getPromptText());
                    prompt.setFont(field.getFont());
                    double needed = prompt.getLayoutBounds().getWidth() + field.snappedLeftInset()
                            + field.snappedRightInset();
                    assertThat(field.getWidth()).as("#%s width for its prompt", id).isGreaterThanOrEqualTo(needed);
                }
                default -> throw new IllegalArgumentException("#" + id + " is neither labelled nor a text field");
            }
        }
    }

    /** Asserts that every labelled node under {@code root} that has a text draws all of it. Call on the FX thread. */
    public static void assertAllWhole(Parent root) {
        for (Node child : root.getChildrenUnmodifiable()) {
            if (child instanceof Labeled labeled && labeled.isVisible() && labeled.getText() != null
                    && !labeled.getText().isEmpty()) {
                assertShown(labeled.getText(), labeled);
            }
            if (child instanceof Parent parent) {
                assertAllWhole(parent);
            }
        }
    }

    /** The control draws its whole text, not an elided "All q…" (its skin says so once laid out). */
    private static void assertShown(String id, Labeled labeled) {
        assertThat(labeled.getSkin()).as("#%s skin (laid out)", id).isNotNull();
        assertThat(labeled.isTextTruncated()).as("#%s text truncated: %s", id, labeled.getText()).isFalse();
    }
}
