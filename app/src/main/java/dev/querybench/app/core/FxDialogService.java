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
