package dev.querybench.app.export;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The export dialog's FXML controller; {@link #show} opens it as a window. */
public final class ExportView {

    private final ExportViewModel viewModel;
    private final Consumer<Path> opener;

    @FXML private VBox root;
    @FXML private Label titleLabel;
    @FXML private VBox formatsBox;
    @FXML private TextField folderField;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private VBox writtenBox;
    @FXML private ProgressIndicator busy;
    @FXML private Button exportButton;

    public ExportView(ExportViewModel viewModel, Consumer<Path> opener) {
        this.viewModel = viewModel;
        this.opener = opener;
    }

    /** Opens the dialog over {@code owner}; {@code opener} shows the written report (HostServices in the app). */
    public static Stage show(Window owner, ExportViewModel viewModel, Consumer<Path> opener, URL stylesheet) {
        FXMLLoader loader = new FXMLLoader(ExportView.class.getResource("ExportView.fxml"));
        loader.setControllerFactory(type -> new ExportView(viewModel, opener));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ExportView.fxml", e);
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(viewModel.title());
        Scene scene = new Scene(root);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        if (stylesheet != null && scene.getStylesheets().isEmpty()) {
            scene.getStylesheets().add(stylesheet.toExternalForm());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    @FXML
    private void initialize() {
        titleLabel.setText(viewModel.title());
        for (FormatOption option : viewModel.formats()) {
            CheckBox box = new CheckBox(option.label());
            box.setId("format-" + option.id());
            box.selectedProperty().bindBidirectional(option.selectedProperty());
            formatsBox.getChildren().add(box);
        }
        folderField.textProperty().bindBidirectional(viewModel.folderProperty());
        statusLabel.textProperty().bind(viewModel.statusTextProperty());
        errorLabel.textProperty().bind(viewModel.errorTextProperty());
        busy.visibleProperty().bind(viewModel.runningProperty());
        exportButton.disableProperty().bind(viewModel.canExportProperty().not());
        viewModel.written().addListener((ListChangeListener<String>) change -> {
            writtenBox.getChildren().setAll(viewModel.written().stream().map(f -> {
                Label line = new Label("• " + f);
                line.getStyleClass().add("muted");
                return line;
            }).toList());
            fitWindow();
        });
        errorLabel.textProperty().addListener((obs, was, is) -> fitWindow());
        viewModel.toOpenProperty().addListener((obs, was, is) -> {
            if (is != null) {
                opener.accept(is);
            }
        });
    }

    /** The dialog grows with the list of written files and any error, so its buttons stay in view. */
    private void fitWindow() {
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            root.getScene().getWindow().sizeToScene();
        }
    }

    @FXML
    private void onChoose() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export to folder");
        File chosen = chooser.showDialog(root.getScene().getWindow());
        if (chosen != null) {
            viewModel.folderProperty().set(chosen.getAbsolutePath());
        }
    }

    @FXML
    private void onExport() {
        viewModel.export();
    }

    @FXML
    private void onClose() {
        ((Stage) root.getScene().getWindow()).close();
    }
}
