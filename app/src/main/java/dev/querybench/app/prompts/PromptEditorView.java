package dev.querybench.app.prompts;

import dev.querybench.app.widgets.CodeView;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;

/** The prompt editor's FXML controller. */
public final class PromptEditorView {

    private final PromptEditorViewModel viewModel;
    private boolean syncingSelection;

    @FXML private VBox root;
    @FXML private ListView<String> variantList;
    @FXML private Button duplicateButton;
    @FXML private Button renameButton;
    @FXML private Button deleteButton;
    @FXML private Label fileLabel;
    @FXML private Label dirtyLabel;
    @FXML private Button revertButton;
    @FXML private Button saveButton;
    @FXML private CodeView editor;
    @FXML private VBox problemsBox;
    @FXML private Label statusLabel;
    @FXML private ComboBox<PreviewQuestion> questionBox;
    @FXML private Label tokenLabel;
    @FXML private ProgressIndicator previewBusy;
    @FXML private CodeView preview;
    @FXML private ComboBox<String> diffBox;
    @FXML private Label diffSummary;
    @FXML private CodeView diff;

    public PromptEditorView(PromptEditorViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        variantList.setItems(viewModel.variants());
        variantList.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> {
            if (syncingSelection || is == null) {
                return;
            }
            if (!viewModel.open(is)) {
                syncingSelection = true;
                variantList.getSelectionModel().select(viewModel.selectedFileProperty().get());
                syncingSelection = false;
            }
        });
        viewModel.selectedFileProperty().addListener((obs, was, is) -> {
            syncingSelection = true;
            variantList.getSelectionModel().select(is);
            syncingSelection = false;
            fileLabel.setText(is == null ? "No variant selected" : is);
        });
        fileLabel.setText(viewModel.selectedFileProperty().get() == null ? "No variant selected"
                : viewModel.selectedFileProperty().get());
        duplicateButton.disableProperty().bind(viewModel.hasSelectionProperty().not());
        renameButton.disableProperty().bind(viewModel.hasSelectionProperty().not());
        deleteButton.disableProperty().bind(viewModel.hasSelectionProperty().not());
        dirtyLabel.visibleProperty().bind(viewModel.dirtyProperty());
        saveButton.disableProperty().bind(viewModel.dirtyProperty().not());
        revertButton.disableProperty().bind(viewModel.dirtyProperty().not());
        editor.area().setWrapText(true);
        editor.show(viewModel.textProperty().get(), viewModel.highlightsProperty().get());
        editor.area().textProperty().addListener((obs, was, is) -> {
            if (!is.equals(viewModel.textProperty().get())) {
                viewModel.textProperty().set(is);
            }
        });
        viewModel.textProperty().addListener((obs, was, is) -> {
            if (!is.equals(editor.area().getText())) {
                editor.show(is, viewModel.highlightsProperty().get());
            }
        });
        viewModel.highlightsProperty().addListener((obs, was, is) -> editor.restyle(is));
        viewModel.problems().addListener((ListChangeListener<String>) change -> renderProblems());
        renderProblems();
        statusLabel.textProperty().bind(viewModel.statusTextProperty());

        questionBox.getItems().setAll(viewModel.preview().questions());
        questionBox.valueProperty().bindBidirectional(viewModel.preview().previewQuestionProperty());
        tokenLabel.textProperty().bind(viewModel.preview().tokenTextProperty());
        previewBusy.visibleProperty().bind(viewModel.preview().previewBusyProperty());
        preview.setEditable(false);
        preview.area().setWrapText(true);
        viewModel.preview().previewTextProperty().addListener((obs, was, is) -> preview.show(is, java.util.List.of()));
        preview.show(viewModel.preview().previewTextProperty().get(), java.util.List.of());

        diffBox.setItems(viewModel.variants());
        diffBox.valueProperty().bindBidirectional(viewModel.diff().diffAgainstProperty());
        diffSummary.textProperty().bind(viewModel.diff().diffSummaryProperty());
        diff.setEditable(false);
        diff.area().setWrapText(true);
        viewModel.diff().diffHighlightsProperty()
                .addListener((obs, was, is) -> diff.show(viewModel.diff().diffTextProperty().get(), is));
    }

    /** Puts the keyboard in the editor. */
    public void focusEditor() {
        editor.area().requestFocus();
    }

    private void renderProblems() {
        problemsBox.getChildren().clear();
        for (String problem : viewModel.problems()) {
            Label line = new Label("✕ " + problem);
            line.getStyleClass().add("problem-line");
            line.setWrapText(true);
            line.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            problemsBox.getChildren().add(line);
        }
        problemsBox.setVisible(!viewModel.problems().isEmpty());
        problemsBox.setManaged(problemsBox.isVisible());
    }

    @FXML
    private void onSave() {
        viewModel.save();
    }

    @FXML
    private void onRevert() {
        viewModel.revert();
    }

    @FXML
    private void onNew() {
        ask("New prompt variant", "Name of the new variant:", "").ifPresent(viewModel::newVariant);
    }

    @FXML
    private void onDuplicate() {
        ask("Duplicate prompt variant", "Name of the copy:", baseName() + "-copy").ifPresent(viewModel::duplicate);
    }

    @FXML
    private void onRename() {
        ask("Rename prompt variant", "New name:", baseName()).ifPresent(viewModel::rename);
    }

    @FXML
    private void onDelete() {
        viewModel.delete();
    }

    private String baseName() {
        String file = viewModel.selectedFileProperty().get();
        return file == null ? "" : file.replaceFirst("\\.prompt$", "");
    }

    private Optional<String> ask(String title, String question, String suggestion) {
        TextInputDialog dialog = new TextInputDialog(suggestion);
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle(title);
        dialog.setHeaderText(question);
        dialog.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }
}
