package dev.querybench.app.sqlconsole;

import dev.querybench.app.grid.GridFormat;
import dev.querybench.app.widgets.CodeView;
import dev.querybench.app.widgets.ResultGrid;
import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The SQL console's FXML controller. */
public final class SqlConsoleView {

    private final SqlConsoleViewModel viewModel;

    @FXML private VBox root;
    @FXML private ListView<String> tableList;
    @FXML private CodeView editor;
    @FXML private Button runButton;
    @FXML private ProgressIndicator busy;
    @FXML private Label errorText;
    @FXML private Label statusText;
    @FXML private ComboBox<GridFormat> formatBox;
    @FXML private Button copyButton;
    @FXML private Button exportButton;
    @FXML private ResultGrid grid;

    public SqlConsoleView(SqlConsoleViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        tableList.setItems(viewModel.tables());
        tableList.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && tableList.getSelectionModel().getSelectedItem() != null) {
                viewModel.useTable(tableList.getSelectionModel().getSelectedItem());
            }
        });
        editor.area().setWrapText(true);
        editor.show(viewModel.sqlProperty().get(), viewModel.highlightsProperty().get());
        editor.area().textProperty().addListener((obs, was, is) -> {
            if (!is.equals(viewModel.sqlProperty().get())) {
                viewModel.sqlProperty().set(is);
            }
        });
        viewModel.sqlProperty().addListener((obs, was, is) -> {
            if (!is.equals(editor.area().getText())) {
                editor.show(is, viewModel.highlightsProperty().get());
            }
        });
        viewModel.highlightsProperty().addListener((obs, was, is) -> editor.restyle(is));
        editor.area().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(event)) {
                viewModel.run();
                event.consume();
            }
        });
        runButton.disableProperty().bind(viewModel.canRunProperty().not());
        busy.visibleProperty().bind(viewModel.runningProperty());
        errorText.textProperty().bind(viewModel.errorTextProperty());
        statusText.textProperty().bind(viewModel.statusTextProperty());
        formatBox.getItems().setAll(viewModel.formats());
        formatBox.getSelectionModel().select(GridFormat.TSV);
        copyButton.disableProperty().bind(viewModel.hasResultProperty().not());
        exportButton.disableProperty().bind(viewModel.hasResultProperty().not());
        grid.setSortHandler(viewModel::sort);
        grid.show(viewModel.gridProperty().get());
        viewModel.gridProperty().addListener((obs, was, is) -> grid.show(is));
    }

    /** Puts the keyboard in the editor (Ctrl+F on this screen). */
    public void focusEditor() {
        editor.area().requestFocus();
    }

    @FXML
    private void onRun() {
        viewModel.run();
    }

    @FXML
    private void onCopy() {
        GridFormat format = formatBox.getValue();
        String text = grid.getSelectionModel().getSelectedItems().isEmpty() ? viewModel.loadedRowsAs(format)
                : grid.selectionAs(format);
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void onExport() {
        GridFormat format = formatBox.getValue();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the result");
        chooser.setInitialFileName("result." + format.extension());
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.export(file.toPath(), format, written -> { });
        }
    }
}
