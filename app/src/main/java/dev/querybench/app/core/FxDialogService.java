package dev.querybench.app.core;

import java.net.URL;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Error dialogs as JavaFX alerts; the details sit in the alert's expandable area. */
public final class FxDialogService implements DialogService {

    private final URL stylesheet;
    private Window owner;

    public FxDialogService(URL stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** The window dialogs are centred on and block. */
    public void setOwner(Window owner) {
        this.owner = owner;
    }

    /** The owner's theme when there is an owner window, else the light stylesheet. */
    private void style(Alert alert) {
        if (owner != null && owner.getScene() != null && !owner.getScene().getStylesheets().isEmpty()) {
            alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        } else if (stylesheet != null) {
            alert.getDialogPane().getStylesheets().add(stylesheet.toExternalForm());
        }
    }

    @Override
    public void showError(String title, String message, String remedy, String details) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(message);
        Label next = new Label(remedy == null || remedy.isBlank() ? "" : "What to do: " + remedy);
        next.setWrapText(true);
        next.getStyleClass().add("dialog-remedy");
        VBox content = new VBox(next);
        content.setFillWidth(true);
        alert.getDialogPane().setContent(content);
        if (details != null && !details.isBlank()) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(8);
            area.getStyleClass().add("monospace");
            alert.getDialogPane().setExpandableContent(area);
        }
        style(alert);
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().setPrefWidth(560);
        alert.showAndWait();
    }

    @Override
    public void showPath(String title, String message, String remedy, String path) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(message);
        alert.getDialogPane().setContent(pathContent(remedy, path));
        alert.getDialogPane().setId("pathDialog");
        style(alert);
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().setPrefWidth(620);
        alert.showAndWait();
    }

    /** The fix, then the path in a read-only field with a Copy button beside it. */
    static VBox pathContent(String remedy, String path) {
        Label next = new Label(remedy == null || remedy.isBlank() ? "" : "What to do: " + remedy);
        next.setWrapText(true);
        next.getStyleClass().add("dialog-remedy");
        javafx.scene.control.TextField field = new javafx.scene.control.TextField(path);
        field.setEditable(false);
        field.setId("copyablePath");
        field.getStyleClass().add("monospace");
        javafx.scene.layout.HBox.setHgrow(field, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.control.Button copy = new javafx.scene.control.Button("Copy path");
        copy.setId("copyPath");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(event -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(path);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        VBox box = new VBox(10, next, new javafx.scene.layout.HBox(8, field, copy));
        box.setFillWidth(true);
        return box;
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        javafx.scene.control.ButtonType go = new javafx.scene.control.ButtonType(confirmLabel,
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType stay = new javafx.scene.control.ButtonType("Cancel",
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", go, stay);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(message);
        style(alert);
        return alert.showAndWait().filter(go::equals).isPresent();
    }
}
