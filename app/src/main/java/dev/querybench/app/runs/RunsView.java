package dev.querybench.app.runs;

import dev.querybench.app.compare.ComparisonView;
import dev.querybench.app.compare.ComparisonViewModel;
import dev.querybench.app.widgets.AttachWhenShown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

/** The Runs section's FXML controller: the run tab, the history tab and a tab per comparison. */
public final class RunsView {

    private final RunsViewModel viewModel;
    private final Map<ComparisonViewModel, Tab> comparisonTabs = new HashMap<>();
    private final Map<Tab, ComparisonView> comparisonViews = new HashMap<>();
    private Consumer<String> onExport;
    private Consumer<java.net.URI> onOpenLink = uri -> { };
    private Consumer<javafx.scene.control.SplitPane> onComparisonSplit = split -> { };

    @FXML private TabPane tabs;
    @FXML private Tab runTab;
    @FXML private Tab historyTab;
    @FXML private RunView runViewController;
    @FXML private Label historyText;
    @FXML private Label problemLabel;
    @FXML private TableView<StoredRun> historyTable;
    @FXML private TableColumn<StoredRun, String> idColumn;
    @FXML private TableColumn<StoredRun, String> startedColumn;
    @FXML private TableColumn<StoredRun, String> variantsColumn;
    @FXML private TableColumn<StoredRun, String> modelsColumn;
    @FXML private TableColumn<StoredRun, String> questionsColumn;
    @FXML private TableColumn<StoredRun, String> statusColumn;
    @FXML private TableColumn<StoredRun, StoredRun> accuracyColumn;
    @FXML private TableColumn<StoredRun, StoredRun> costColumn;
    @FXML private Button openButton;

    public RunsView(RunsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        runViewController.bindCompareLink(viewModel.canCompareLatestProperty(), viewModel::compareLatest);
        historyText.textProperty().bind(viewModel.historyTextProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        problemLabel.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        // Sorted by the columns the user clicks; newest first until then.
        javafx.collections.transformation.SortedList<StoredRun> sorted =
                new javafx.collections.transformation.SortedList<>(viewModel.storedRuns());
        sorted.comparatorProperty().bind(historyTable.comparatorProperty());
        historyTable.setItems(sorted);
        column(idColumn, StoredRun::id);
        column(startedColumn, StoredRun::started);
        startedColumn.setComparator(java.util.Comparator.naturalOrder());
        numberColumn(accuracyColumn, StoredRun::accuracyText, StoredRun::accuracy);
        numberColumn(costColumn, StoredRun::costText, StoredRun::cost);
        column(variantsColumn, StoredRun::variants);
        column(modelsColumn, StoredRun::models);
        column(questionsColumn, r -> Integer.toString(r.questions()));
        column(statusColumn, StoredRun::status);
        Label empty = new Label("No stored runs yet. Start one on the Run tab (Ctrl+R).");
        empty.getStyleClass().add("placeholder");
        historyTable.setPlaceholder(empty);
        viewModel.selectedRunProperty().bind(historyTable.getSelectionModel().selectedItemProperty());
        openButton.disableProperty().bind(viewModel.selectedRunProperty().isNull().or(viewModel.loadingProperty()));
        historyTable.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                viewModel.openSelected();
            }
        });
        historyTable.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                viewModel.openSelected();
            }
        });

        // a tab pane styles, skins and lays out every tab's content; the first frame shows the Run tab
        AttachWhenShown.whenSelected(historyTab);

        viewModel.comparisons().addListener((ListChangeListener<ComparisonViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeTab);
                change.getAddedSubList().forEach(this::addTab);
            }
        });
        viewModel.selectedComparisonProperty().addListener((obs, was, is) -> {
            Tab tab = is == null ? null : comparisonTabs.get(is);
            if (tab != null) {
                tabs.getSelectionModel().select(tab);
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> {
            ComparisonViewModel shown = comparisonTabs.entrySet().stream().filter(e -> e.getValue() == is)
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            viewModel.selectedComparisonProperty().set(shown);
        });
    }

    /** What a comparison's Export button does. */
    public void setOnExport(Consumer<String> action) {
        onExport = action;
        comparisonViews.values().forEach(v -> v.setOnExport(action));
    }

    /** How a comparison's "Open trace in Langfuse" link opens its address. */
    public void setOnOpenLink(Consumer<java.net.URI> opener) {
        onOpenLink = opener;
        comparisonViews.values().forEach(v -> v.setOnOpenLink(opener));
    }

    /** Called with each new comparison tab's split pane, to lay it out as the user left the last one. */
    public void setOnComparisonSplit(Consumer<javafx.scene.control.SplitPane> action) {
        onComparisonSplit = action;
    }

    /** Ctrl+R runs, Esc cancels; Ctrl+F is sent by the main window to {@link #focusSearch}. */
    public void installShortcuts(Scene scene) {
        runViewController.installShortcuts(scene);
    }

    /** Focuses the search field of the tab in front. */
    public void focusSearch() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        ComparisonView comparison = comparisonViews.get(selected);
        if (comparison != null) {
            comparison.focusSearch();
        } else if (selected == runTab) {
            runViewController.focusSearch();
        }
    }

    public void showHistory() {
        tabs.getSelectionModel().select(historyTab);
    }

    @FXML
    private void onRefresh() {
        viewModel.refresh();
    }

    @FXML
    private void onOpen() {
        viewModel.openSelected();
    }

    private void addTab(ComparisonViewModel comparison) {
        FXMLLoader loader = new FXMLLoader(ComparisonView.class.getResource("ComparisonView.fxml"));
        loader.setControllerFactory(type -> new ComparisonView(comparison));
        Node content;
        try {
            content = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ComparisonView.fxml", e);
        }
        ComparisonView view = loader.getController();
        view.setOnExport(onExport);
        view.setOnOpenLink(onOpenLink);
        onComparisonSplit.accept(view.split());
        Tab tab = new Tab(comparison.title(), content);
        tab.setId("compare-" + comparison.runId());
        tab.setOnClosed(event -> viewModel.close(comparison));
        comparisonTabs.put(comparison, tab);
        comparisonViews.put(tab, view);
        tabs.getTabs().add(tab);
    }

    private void removeTab(ComparisonViewModel comparison) {
        Tab tab = comparisonTabs.remove(comparison);
        if (tab != null) {
            comparisonViews.remove(tab);
            tabs.getTabs().remove(tab);
        }
    }

    /** A column showing text and sorting by the number behind it; unknown (NaN) sorts below every number. */
    private static void numberColumn(TableColumn<StoredRun, StoredRun> column, Function<StoredRun, String> text,
            java.util.function.ToDoubleFunction<StoredRun> number) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(StoredRun run, boolean empty) {
                super.updateItem(run, empty);
                setText(empty || run == null ? "" : text.apply(run));
            }
        });
        column.setComparator((x, y) -> {
            double a = number.applyAsDouble(x);
            double b = number.applyAsDouble(y);
            return Double.isNaN(a) || Double.isNaN(b) ? Boolean.compare(!Double.isNaN(a), !Double.isNaN(b))
                    : Double.compare(a, b);
        });
    }

    private static void column(TableColumn<StoredRun, String> column, Function<StoredRun, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }
}
