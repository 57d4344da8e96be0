package dev.querybench.app.workspace;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The New workspace dialog: template, folder, and the dataset file for an import. */
public final class NewWorkspaceView {

    private final NewWorkspaceViewModel viewModel;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType create = new ButtonType("Create and open", ButtonBar.ButtonData.OK_DONE);

    public NewWorkspaceView(NewWorkspaceViewModel viewModel, Window owner) {
        this.viewModel = viewModel;
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        dialog.setTitle("New workspace");
        dialog.setHeaderText("Create a workspace: a folder with querybench.yaml, a dataset and prompt variants.");
        dialog.getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(content(owner));
        dialog.getDialogPane().setPrefWidth(640);
        dialog.getDialogPane().setId("newWorkspaceDialog");
        dialog.getDialogPane().lookupButton(create).disableProperty().bind(viewModel.problemProperty().isNotEmpty());
    }

    private VBox content(Window owner) {
        HBox folderRow = row(folderField(), chooseButton(() -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the new workspace");
            return chooser.showDialog(owner);
        }, viewModel.folderProperty()));
        HBox datasetRow = row(datasetField(), chooseButton(() -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Dataset to import");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Datasets", "*.json", "*.jsonl", "*.csv",
                    "*.yaml", "*.yml"));
            return chooser.showOpenDialog(owner);
        }, viewModel.datasetFileProperty()));
        Label datasetLabel = new Label("Dataset file (read where it lies; Spider's and BIRD's databases next to it are found)");
        datasetLabel.setWrapText(true);
        for (var node : new javafx.scene.Node[] {datasetLabel, datasetRow}) {
            node.visibleProperty().bind(viewModel.importingProperty());
            node.managedProperty().bind(node.visibleProperty());
        }
        Label problem = new Label();
        problem.setId("newWorkspaceProblem");
        problem.getStyleClass().add("line-remedy");
        problem.setWrapText(true);
        problem.textProperty().bind(viewModel.problemProperty());
        VBox box = new VBox(10, new Label("Start from"), kindChoice(), new Label("Folder (created when missing)"),
                folderRow, datasetLabel, datasetRow, problem);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    /** One radio button per kind of workspace to start from. */
    private VBox kindChoice() {
        ToggleGroup group = new ToggleGroup();
        VBox kinds = new VBox(6);
        for (NewWorkspaceViewModel.Kind kind : NewWorkspaceViewModel.Kind.values()) {
            RadioButton button = new RadioButton(kind.label());
            button.setId("template-" + kind.name());
            button.setToggleGroup(group);
            button.setUserData(kind);
            button.setSelected(kind == viewModel.kindProperty().get());
            kinds.getChildren().add(button);
        }
        group.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is != null) {
                viewModel.kindProperty().set((NewWorkspaceViewModel.Kind) is.getUserData());
            }
        });
        return kinds;
    }

    private TextField folderField() {
        TextField folder = new TextField();
        folder.setId("newWorkspaceFolder");
        folder.textProperty().bindBidirectional(viewModel.folderProperty());
        return folder;
    }

    private TextField datasetField() {
        TextField dataset = new TextField();
        dataset.setId("newWorkspaceDataset");
        dataset.setPromptText("spider/dev.json, bird/dev/dev.json, questions.csv …");
        dataset.textProperty().bindBidirectional(viewModel.datasetFileProperty());
        return dataset;
    }

    /** "Choose…": asks {@code chooser} for a file or folder and puts its path into {@code target}. */
    private static Button chooseButton(java.util.function.Supplier<File> chooser,
            javafx.beans.property.StringProperty target) {
        Button choose = new Button("Choose…");
        choose.setOnAction(event -> {
            File chosen = chooser.get();
            if (chosen != null) {
                target.set(chosen.getPath());
            }
        });
        return choose;
    }

    private static HBox row(TextField field, Button button) {
        HBox.setHgrow(field, Priority.ALWAYS);
        return new HBox(8, field, button);
    }

    /** Shows the dialog; the request when the user chose to create it. */
    public Optional<NewWorkspaceViewModel.Request> showAndWait() {
        return dialog.showAndWait().filter(create::equals).map(b -> viewModel.request());
    }

    /** Shows the dialog and returns at once (screenshots); {@link #close} closes it. */
    public void showWithoutWaiting() {
        dialog.show();
    }

    public void close() {
        dialog.setResult(ButtonType.CANCEL);
        dialog.close();
    }

    /** Used by a screenshot: the dialog's pane. */
    public javafx.scene.control.DialogPane pane() {
        return dialog.getDialogPane();
    }

    /** The suggested folder for a new workspace: a fresh name in the user's home. */
    public static Path suggestedFolder(Path home) {
        Path base = home.resolve("querybench-workspace");
        Path candidate = base;
        for (int i = 2; java.nio.file.Files.exists(candidate) && i < 100; i++) {
            candidate = home.resolve("querybench-workspace-" + i);
        }
        return candidate;
    }
}
