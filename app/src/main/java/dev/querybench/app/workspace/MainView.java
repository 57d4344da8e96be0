package dev.querybench.app.workspace;

import dev.querybench.app.runs.RunsView;
import dev.querybench.app.sqlconsole.SqlConsoleView;
import dev.querybench.app.prompts.PromptEditorView;
import dev.querybench.app.dataset.DatasetView;
import dev.querybench.app.connection.ConnectionWizardView;
import dev.querybench.app.health.HealthView;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The main window's FXML controller: navigator, centre pages and status bar. */
public final class MainView {

    private final MainViewModel viewModel;

    @FXML private Label workspaceLabel;
    @FXML private Label workspaceFolder;
    @FXML private ListView<NavigatorItem> navigator;
    @FXML private HBox sampleNotice;
    @FXML private Label sampleNoticeLabel;
    @FXML private Node runsView;
    @FXML private RunsView runsViewController;
    @FXML private Node sqlConsoleView;
    @FXML private SqlConsoleView sqlConsoleViewController;
    @FXML private Node connectionView;
    @FXML private Node healthView;
    @FXML private HealthView healthViewController;
    @FXML private HBox notificationBox;
    @FXML private Label notificationLabel;
    @FXML private Node datasetView;
    @FXML private DatasetView datasetViewController;
    @FXML private Node promptEditorView;
    @FXML private PromptEditorView promptEditorViewController;
    @FXML private Node sectionView;
    @FXML private SectionView sectionViewController;
    @FXML private Label statusWorkspace;
    @FXML private Label statusDatabase;
    @FXML private Label statusModel;
    @FXML private Label statusHealth;
    @FXML private Region statusHealthDot;
    @FXML private HBox jobBox;
    @FXML private ProgressBar jobProgress;
    @FXML private Label jobLabel;

    private final java.util.function.Consumer<java.nio.file.Path> opener;

    public MainView(MainViewModel viewModel, java.util.function.Consumer<java.nio.file.Path> opener) {
        this.viewModel = viewModel;
        this.opener = opener;
    }

    @FXML
    private void initialize() {
        workspaceLabel.setText(viewModel.workspaceName());
        workspaceFolder.setText(viewModel.workspaceFolder());
        workspaceFolder.setTooltip(new Tooltip(viewModel.workspaceFolder()));

        navigator.setItems(viewModel.navigator());
        navigator.setCellFactory(list -> new NavigatorCell());
        navigator.getSelectionModel().select(viewModel.item(viewModel.selectedSectionProperty().get()));
        navigator.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> {
            if (is != null) {
                viewModel.select(is.section());
            }
        });
        viewModel.selectedSectionProperty().addListener(
                (obs, was, is) -> navigator.getSelectionModel().select(viewModel.item(is)));

        sampleNoticeLabel.setText(viewModel.sampleNotice());
        sampleNotice.setVisible(!viewModel.sampleNotice().isEmpty());
        sampleNotice.setManaged(sampleNotice.isVisible());

        runsView.visibleProperty().bind(viewModel.showing(Section.RUNS));
        sqlConsoleView.visibleProperty().bind(viewModel.showing(Section.SQL_CONSOLE));
        promptEditorView.visibleProperty().bind(viewModel.showing(Section.PROMPTS));
        datasetView.visibleProperty().bind(viewModel.showing(Section.DATASETS));
        connectionView.visibleProperty().bind(viewModel.showing(Section.CONNECTIONS));
        healthView.visibleProperty().bind(viewModel.showing(Section.HEALTH));
        healthViewController.showDoctor(viewModel.page(Section.HEALTH));
        runsViewController.setOnExport(this::openExport);
        notificationLabel.textProperty().bind(viewModel.health().latestNotificationProperty());
        notificationBox.visibleProperty().bind(viewModel.health().latestNotificationProperty().isNotEmpty());
        notificationBox.managedProperty().bind(notificationBox.visibleProperty());
        sectionView.visibleProperty().bind(viewModel.showingPage());
        sectionViewController.show(viewModel.currentPageProperty().get());
        viewModel.currentPageProperty().addListener((obs, was, is) -> sectionViewController.show(is));

        statusWorkspace.setText(viewModel.workspaceName());
        statusDatabase.setText(viewModel.databaseText());
        statusModel.textProperty().bind(viewModel.modelTextProperty());
        statusHealth.textProperty().bind(viewModel.healthTextProperty());
        SectionView.showStatus(statusHealthDot, viewModel.healthStatusProperty().get());
        viewModel.healthStatusProperty().addListener((obs, was, is) -> SectionView.showStatus(statusHealthDot, is));
        jobBox.visibleProperty().bind(viewModel.jobVisibleProperty());
        jobProgress.progressProperty().bind(viewModel.runs().progressProperty());
        jobLabel.textProperty().bind(viewModel.jobTextProperty());
        Tooltip.install(jobBox, new Tooltip("Open the run screen"));
    }

    /** Ctrl+1 … Ctrl+6 switch sections; the run screen adds its own keys. */
    public void installShortcuts(Scene scene) {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6};
        for (int i = 0; i < digits.length; i++) {
            int number = i + 1;
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> viewModel.selectNumber(number));
        }
        runsViewController.installShortcuts(scene);
        promptEditorViewController.installShortcuts(scene, viewModel.showing(Section.PROMPTS));
    }

    /** Opens the export dialog for a stored run. */
    public void openExport(String runId) {
        dev.querybench.app.export.ExportView.show(navigator.getScene().getWindow(), viewModel.exportRun(runId), opener,
                null);
    }

    @FXML
    private void onNotificationClicked() {
        viewModel.select(Section.HEALTH);
    }

    @FXML
    private void onDismissNotification() {
        viewModel.health().dismissNotification();
    }

    @FXML
    private void onJobClicked() {
        viewModel.openRunningJob();
    }

    /** A navigator entry: status dot, name and count. */
    private static final class NavigatorCell extends ListCell<NavigatorItem> {
        private final Region dot = new Region();
        private final Label name = new Label();
        private final Label badge = new Label();
        private final Label shortcut = new Label();
        private final HBox box = new HBox(10, dot, name, badge);
        private final Tooltip tooltip = new Tooltip();
        private final ChangeListener<Status> statusListener = (obs, was, is) -> SectionView.showStatus(dot, is);
        private NavigatorItem shown;

        NavigatorCell() {
            name.getStyleClass().add("nav-label");
            badge.getStyleClass().add("nav-badge");
            shortcut.getStyleClass().add("nav-shortcut");
            HBox.setHgrow(name, Priority.ALWAYS);
            name.setMaxWidth(Double.MAX_VALUE);
            box.getStyleClass().add("nav-entry");
            badge.visibleProperty().bind(badge.textProperty().isNotEmpty());
        }

        @Override
        protected void updateItem(NavigatorItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.statusProperty().removeListener(statusListener);
                badge.textProperty().unbind();
                tooltip.textProperty().unbind();
            }
            shown = empty ? null : item;
            if (shown == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(shown.label());
            badge.textProperty().bind(shown.badgeProperty());
            tooltip.textProperty().bind(shown.tooltipProperty());
            SectionView.showStatus(dot, shown.statusProperty().get());
            shown.statusProperty().addListener(statusListener);
            setGraphic(box);
            setTooltip(tooltip);
        }
    }
}
