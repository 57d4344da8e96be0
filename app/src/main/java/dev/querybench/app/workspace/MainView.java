package dev.querybench.app.workspace;

import dev.querybench.app.connection.ConnectionWizardView;
import dev.querybench.app.dataset.DatasetView;
import dev.querybench.app.health.HealthView;
import dev.querybench.app.prompts.PromptEditorView;
import dev.querybench.app.runs.RunsView;
import dev.querybench.app.sqlconsole.SqlConsoleView;
import dev.querybench.app.widgets.HoverTooltip;
import dev.querybench.app.widgets.LazyScreens;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Callback;

/** The main window's FXML controller: navigator, centre pages and status bar. */
public final class MainView {

    /**
     * The navigator's rows are all one height (the stylesheet's {@code -fx-cell-size}); fixed, the list
     * does not style a throwaway cell per entry to measure them while the first frame is built.
     */
    private static final double NAVIGATOR_ROW_HEIGHT = 36;

    private final MainViewModel viewModel;

    @FXML private MenuBar menuBar;
    @FXML private MenuItem exportItem;
    @FXML private MenuItem runItem;
    @FXML private MenuItem cancelItem;
    @FXML private MenuItem compareItem;
    @FXML private MenuItem savePromptItem;
    @FXML private MenuItem executeSqlItem;
    @FXML private Menu viewMenu;
    @FXML private Menu recentMenu;
    @FXML private CheckMenuItem darkThemeItem;
    @FXML private Label workspaceLabel;
    @FXML private Label workspaceFolder;
    @FXML private ListView<NavigatorItem> navigator;
    @FXML private HBox sampleNotice;
    @FXML private Label sampleNoticeLabel;
    @FXML private StackPane screenStack;
    @FXML private HBox notificationBox;
    @FXML private Label notificationLabel;
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

    private final Consumer<java.net.URI> opener;
    private final WorkspaceActions actions;
    private final Callback<Class<?>, Object> controllers;
    private LazyScreens screens;
    /** The Runs screen's controller once it is built, else null. */
    private RunsView runsViewController;
    private Scene scene;
    private Consumer<SplitPane> onComparisonSplit;

    /**
     * @param controllers makes the controllers of the sections' screens when they are first shown
     */
    public MainView(MainViewModel viewModel, Consumer<java.net.URI> opener, WorkspaceActions actions,
            Callback<Class<?>, Object> controllers) {
        this.viewModel = viewModel;
        this.opener = opener;
        this.actions = actions;
        this.controllers = controllers;
    }

    @FXML
    private void initialize() {
        workspaceLabel.setText(viewModel.workspaceName());
        workspaceFolder.setText(viewModel.workspaceFolder());
        workspaceFolder.setTooltip(new Tooltip(viewModel.workspaceFolder()));

        navigator.setItems(viewModel.navigator());
        navigator.setCellFactory(list -> new NavigatorCell());
        navigator.setFixedCellSize(NAVIGATOR_ROW_HEIGHT);
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

        notificationLabel.textProperty().bind(viewModel.health().latestNotificationProperty());
        notificationBox.visibleProperty().bind(viewModel.health().latestNotificationProperty().isNotEmpty());
        notificationBox.managedProperty().bind(notificationBox.visibleProperty());
        sectionView.visibleProperty().bind(viewModel.showingPage());
        sectionViewController.show(viewModel.currentPageProperty().get());
        addScreens();
        viewModel.currentPageProperty().addListener((obs, was, is) -> sectionViewController.show(is));

        statusWorkspace.setText(viewModel.workspaceName());
        statusDatabase.setText(viewModel.databaseText());
        statusModel.textProperty().bind(viewModel.modelTextProperty());
        statusHealth.textProperty().bind(viewModel.healthTextProperty());
        SectionView.showStatus(statusHealthDot, viewModel.healthStatusProperty().get());
        viewModel.healthStatusProperty().addListener((obs, was, is) -> SectionView.showStatus(statusHealthDot, is));
        jobBox.visibleProperty().bind(viewModel.jobVisibleProperty());
        jobProgress.progressProperty().bind(viewModel.runs().progress().progressProperty());
        jobLabel.textProperty().bind(viewModel.jobTextProperty());
        Tooltip.install(jobBox, new Tooltip("Open the run screen"));
        bindMenus();
    }

    /** Each section's screen, built from its FXML the first time the section is shown. */
    private void addScreens() {
        screens = new LazyScreens(screenStack, controllers);
        screens.add(fxml("/dev/querybench/app/runs/RunsView.fxml"), viewModel.showing(Section.RUNS), RunsView.class, (root, runs) -> {
            runsViewController = runs;
            runs.setOnExport(this::openExport);
            runs.setOnOpenLink(opener);
            if (scene != null) {
                runs.installShortcuts(scene);
            }
            if (onComparisonSplit != null) {
                runs.setOnComparisonSplit(onComparisonSplit);
            }
        });
        screens.add(fxml("/dev/querybench/app/sqlconsole/SqlConsoleView.fxml"), viewModel.showing(Section.SQL_CONSOLE),
                SqlConsoleView.class, (root, console) -> { });
        screens.add(fxml("/dev/querybench/app/prompts/PromptEditorView.fxml"), viewModel.showing(Section.PROMPTS),
                PromptEditorView.class, (root, prompts) -> { });
        screens.add(fxml("/dev/querybench/app/dataset/DatasetView.fxml"), viewModel.showing(Section.DATASETS), DatasetView.class,
                (root, dataset) -> { });
        screens.add(fxml("/dev/querybench/app/connection/ConnectionWizardView.fxml"), viewModel.showing(Section.CONNECTIONS),
                ConnectionWizardView.class, (root, wizard) -> { });
        screens.add(fxml("/dev/querybench/app/health/HealthView.fxml"), viewModel.showing(Section.HEALTH), HealthView.class,
                (root, health) -> {
                    SectionPageViewModel doctor = viewModel.page(Section.HEALTH);
                    health.showDoctor(doctor.summaryProperty(), doctor.busyProperty(), doctor.lines(),
                            SectionView::lineNode, doctor::runAction);
                });
    }

    private static java.net.URL fxml(String relative) {
        return MainView.class.getResource(relative);
    }

    private void bindMenus() {
        exportItem.disableProperty().bind(viewModel.exportableRunProperty().isEmpty());
        runItem.disableProperty().bind(viewModel.runs().canStartRunProperty().not());
        cancelItem.disableProperty().bind(viewModel.runs().canCancelProperty().not());
        compareItem.disableProperty().bind(viewModel.runsScreen().canCompareLatestProperty().not());
        savePromptItem.disableProperty().bind(viewModel.showing(Section.PROMPTS)
                .and(viewModel.promptEditor().dirtyProperty()).not());
        executeSqlItem.disableProperty().bind(viewModel.sqlConsole().canRunProperty().not());
        var sections = new ArrayList<MenuItem>();
        for (Section section : Section.values()) {
            var item = new MenuItem(section.label());
            item.setId("show-" + section.name());
            item.setAccelerator(new KeyCodeCombination(DIGITS[section.ordinal()], KeyCombination.SHORTCUT_DOWN));
            item.setOnAction(event -> viewModel.select(section));
            sections.add(item);
        }
        viewMenu.getItems().addAll(0, sections);
        fillRecent();
        actions.recent().addListener((javafx.collections.ListChangeListener<java.nio.file.Path>) change -> fillRecent());
        darkThemeItem.setSelected(viewModel.themeProperty().get() == Theme.DARK);
        viewModel.themeProperty().addListener((obs, was, is) -> darkThemeItem.setSelected(is == Theme.DARK));
    }

    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
        KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};

    /**
     * The menu bar carries the main actions' accelerators (Ctrl+R, Ctrl+E, Ctrl+1 … Ctrl+6 …);
     * the run screen adds Esc on the progress and Ctrl+F.
     */
    public void installShortcuts(Scene scene) {
        this.scene = scene;
        if (runsViewController != null) {
            runsViewController.installShortcuts(scene);
        }
    }

    /** Called with each new comparison tab's split pane. */
    public void setOnComparisonSplit(Consumer<SplitPane> action) {
        this.onComparisonSplit = action;
        if (runsViewController != null) {
            runsViewController.setOnComparisonSplit(action);
        }
    }

    /** Runs {@code action} with the split panes of each screen when it is first built (see {@link #splitPanes()}). */
    public void setOnScreenBuilt(Consumer<List<SplitPane>> action) {
        screens.onBuilt(root -> action.accept(splitPanes(List.of(root))));
    }

    /** The split panes that carry an id, whose dividers the layout remembers, of the screens built so far. */
    public List<SplitPane> splitPanes() {
        return splitPanes(screens.built());
    }

    private static List<SplitPane> splitPanes(List<Node> roots) {
        return roots.stream().flatMap(page -> page.lookupAll(".split-pane").stream())
                .filter(n -> n instanceof SplitPane && n.getId() != null)
                .map(n -> (SplitPane) n).toList();
    }

    @FXML
    private void onExport() {
        String runId = viewModel.exportableRunProperty().get();
        if (!runId.isEmpty()) {
            openExport(runId);
        }
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (java.nio.file.Path folder : actions.recent()) {
            MenuItem item = new MenuItem(folder.getFileName() + " — " + folder.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(event -> actions.openRecent(folder));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    @FXML
    private void onNewWorkspace() {
        actions.newWorkspace();
    }

    @FXML
    private void onOpenWorkspace() {
        actions.openWorkspace();
    }

    @FXML
    private void onOpenSample() {
        actions.openSample();
    }

    @FXML
    private void onCloseWorkspace() {
        actions.closeWorkspace();
    }

    @FXML
    private void onQuit() {
        actions.quit();
    }

    @FXML
    private void onRun() {
        viewModel.startRun();
    }

    @FXML
    private void onCancelRun() {
        viewModel.runs().cancelRun();
    }

    @FXML
    private void onCompare() {
        viewModel.compareLatest();
    }

    @FXML
    private void onSavePrompt() {
        viewModel.promptEditor().save();
    }

    @FXML
    private void onExecuteSql() {
        viewModel.executeSql();
    }

    @FXML
    private void onDarkTheme() {
        viewModel.toggleTheme();
    }

    /** Opens the export dialog for a stored run. */
    public void openExport(String runId) {
        dev.querybench.app.export.ExportView.show(navigator.getScene().getWindow(), viewModel.exportRun(runId),
                path -> opener.accept(path.toUri()), null);
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
        private final HoverTooltip tooltip = HoverTooltip.install(this, this::tooltipText);
        private final ChangeListener<Status> statusListener = (obs, was, is) -> SectionView.showStatus(dot, is);
        private final ChangeListener<String> tooltipListener = (obs, was, is) -> tooltip.refresh();
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

        private String tooltipText() {
            return shown == null ? null : shown.tooltipProperty().get();
        }

        @Override
        protected void updateItem(NavigatorItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.statusProperty().removeListener(statusListener);
                shown.tooltipProperty().removeListener(tooltipListener);
                badge.textProperty().unbind();
            }
            shown = empty ? null : item;
            if (shown == null) {
                setGraphic(null);
                tooltip.refresh();
                return;
            }
            name.setText(shown.label());
            badge.textProperty().bind(shown.badgeProperty());
            SectionView.showStatus(dot, shown.statusProperty().get());
            shown.statusProperty().addListener(statusListener);
            shown.tooltipProperty().addListener(tooltipListener);
            setGraphic(box);
            tooltip.refresh();
        }
    }
}
