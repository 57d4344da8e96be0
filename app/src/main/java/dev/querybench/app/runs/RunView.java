package dev.querybench.app.runs;

import dev.querybench.app.text.VerdictKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The run screen's FXML controller: binds controls to {@link RunViewModel} and forwards actions. */
public final class RunView {

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private final RunViewModel viewModel;

    @FXML private VBox root;
    @FXML private Label scopeLabel;
    @FXML private HBox setupCard;
    @FXML private Label setupSummary;
    @FXML private Hyperlink setupToggle;
    @FXML private Button foldedRunButton;
    @FXML private Button foldedCancelButton;
    @FXML private ComboBox<ModelChoice> modelBox;
    @FXML private Label modelHint;
    @FXML private ComboBox<JudgeOption> judgeBox;
    @FXML private Label judgeHint;
    @FXML private FlowPane variantPane;
    @FXML private Label compareModelsLabel;
    @FXML private FlowPane compareModelPane;
    @FXML private Label planLabel;
    @FXML private ComboBox<QuestionSubset> subsetBox;
    @FXML private Spinner<Integer> repeatsSpinner;
    @FXML private Hyperlink resumeLink;
    @FXML private Tooltip resumeTip;
    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private HBox errorBanner;
    @FXML private HBox privilegedBanner;
    @FXML private Label privilegedWarning;
    @FXML private Label errorMessage;
    @FXML private Label errorRemedy;
    @FXML private Hyperlink errorDetailsLink;
    @FXML private Button bannerResumeButton;
    @FXML private Tooltip bannerResumeTip;
    @FXML private Button dismissErrorButton;
    @FXML private Label statusLabel;
    @FXML private Hyperlink compareLink;
    @FXML private Label progressLabel;
    @FXML private ProgressBar progressBar;
    @FXML private FlowPane cardPane;
    @FXML private Label resultsCount;
    @FXML private TextField searchField;
    @FXML private ComboBox<VerdictFilter> verdictFilterBox;
    @FXML private TableView<ResultRow> resultsTable;
    @FXML private TableColumn<ResultRow, String> idColumn;
    @FXML private TableColumn<ResultRow, String> questionColumn;
    @FXML private TableColumn<ResultRow, String> variantColumn;
    @FXML private TableColumn<ResultRow, String> modelColumn;
    @FXML private TableColumn<ResultRow, String> sqlColumn;
    @FXML private TableColumn<ResultRow, VerdictKind> verdictColumn;
    @FXML private TableColumn<ResultRow, String> reasonColumn;
    @FXML private VBox detailPane;
    @FXML private Label detailTitle;
    @FXML private Label detailReason;
    @FXML private TextArea detailPredicted;
    @FXML private TextArea detailGold;

    private final SetupFold setupFold;

    public RunView(RunViewModel viewModel) {
        this.viewModel = viewModel;
        this.setupFold = new SetupFold(viewModel.phaseProperty(), viewModel.runIdProperty());
    }

    @FXML
    private void initialize() {
        scopeLabel.setText(viewModel.scopeText());
        compareLink.setVisible(false);
        compareLink.setManaged(false);

        modelBox.setItems(viewModel.models());
        modelBox.valueProperty().bindBidirectional(viewModel.selectedModelProperty());
        modelBox.disableProperty().bind(viewModel.runningProperty());
        modelHint.textProperty().bind(viewModel.modelHintProperty());
        modelHint.pseudoClassStateChanged(WARNING, viewModel.modelNeedsAttentionProperty().get());
        viewModel.modelNeedsAttentionProperty().addListener((obs, was, is) -> modelHint.pseudoClassStateChanged(WARNING, is));

        judgeBox.setItems(viewModel.judges());
        judgeBox.valueProperty().bindBidirectional(viewModel.selectedJudgeProperty());
        judgeBox.disableProperty().bind(viewModel.runningProperty());
        judgeHint.textProperty().bind(viewModel.judgeHintProperty());

        variantPane.getChildren().setAll(viewModel.variants().stream().map(this::variantBox).toList());
        compareModelPane.getChildren().setAll(viewModel.compareModels().stream().map(this::modelBox).toList());
        boolean severalModels = viewModel.compareModels().size() > 1;
        compareModelsLabel.setVisible(severalModels);
        compareModelsLabel.setManaged(severalModels);
        compareModelPane.setVisible(severalModels);
        compareModelPane.setManaged(severalModels);
        planLabel.textProperty().bind(viewModel.planTextProperty());
        subsetBox.setItems(viewModel.subsets());
        subsetBox.valueProperty().bindBidirectional(viewModel.subsetProperty());
        subsetBox.disableProperty().bind(viewModel.runningProperty());
        repeatsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 20,
                viewModel.repeatsProperty().get()));
        repeatsSpinner.getValueFactory().valueProperty().addListener((obs, was, is) ->
                viewModel.repeatsProperty().set(is == null ? 1 : is));
        repeatsSpinner.disableProperty().bind(viewModel.runningProperty());
        resumeLink.visibleProperty().bind(viewModel.canResumeProperty());
        resumeLink.managedProperty().bind(resumeLink.visibleProperty());
        resumeTip.textProperty().bind(viewModel.resumeTextProperty());

        runButton.disableProperty().bind(viewModel.canStartRunProperty().not());
        cancelButton.disableProperty().bind(viewModel.canCancelProperty().not());
        bindSetupFold();

        errorBanner.visibleProperty().bind(viewModel.errorShownProperty());
        errorBanner.managedProperty().bind(viewModel.errorShownProperty());
        errorMessage.textProperty().bind(viewModel.errorMessageProperty());
        errorRemedy.textProperty().bind(viewModel.errorRemedyProperty());
        errorRemedy.visibleProperty().bind(viewModel.errorRemedyProperty().isNotEmpty());
        errorRemedy.managedProperty().bind(errorRemedy.visibleProperty());
        // what stopped or cut short the run, and the way on from it
        bannerResumeButton.visibleProperty().bind(viewModel.canResumeProperty());
        bannerResumeButton.managedProperty().bind(bannerResumeButton.visibleProperty());
        bannerResumeTip.textProperty().bind(viewModel.resumeTextProperty());
        errorDetailsLink.visibleProperty().bind(viewModel.errorDetailsProperty().isNotEmpty());
        errorDetailsLink.managedProperty().bind(errorDetailsLink.visibleProperty());

        privilegedWarning.textProperty().bind(viewModel.privilegedWarningProperty());
        privilegedBanner.visibleProperty().bind(viewModel.privilegedWarningProperty().isNotEmpty());
        privilegedBanner.managedProperty().bind(privilegedBanner.visibleProperty());

        statusLabel.textProperty().bind(viewModel.statusTextProperty());
        progressLabel.textProperty().bind(viewModel.progressTextProperty());
        progressBar.progressProperty().bind(viewModel.progressProperty());
        showPhase(null, viewModel.phaseProperty().get());
        viewModel.phaseProperty().addListener((obs, was, is) -> {
            showPhase(was, is);
            // The Run button disables itself; keep the keyboard on the run instead of the search field.
            (is.isActive() ? (setupFold.openProperty().get() ? cancelButton : foldedCancelButton) : resultsTable)
                    .requestFocus();
        });

        viewModel.cards().addListener((ListChangeListener<CellCard>) change -> renderCards());
        viewModel.failureCounts().addListener((ListChangeListener<FailureCount>) change -> renderCards());
        renderCards();
        cardPane.visibleProperty().bind(Bindings.isNotEmpty(viewModel.cards()));
        cardPane.managedProperty().bind(cardPane.visibleProperty());

        resultsCount.textProperty().bind(viewModel.resultsSummaryProperty());
        searchField.textProperty().bindBidirectional(viewModel.searchTextProperty());
        verdictFilterBox.getItems().setAll(viewModel.verdictFilters());
        verdictFilterBox.valueProperty().bindBidirectional(viewModel.verdictFilterProperty());

        SortedList<ResultRow> sorted = new SortedList<>(viewModel.visibleResults());
        sorted.comparatorProperty().bind(resultsTable.comparatorProperty());
        resultsTable.setItems(sorted);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder");
        placeholder.textProperty().bind(viewModel.emptyResultsTextProperty());
        resultsTable.setPlaceholder(placeholder);
        column(idColumn, ResultRow::questionId, "");
        column(questionColumn, ResultRow::question, "");
        column(variantColumn, ResultRow::variant, "");
        column(modelColumn, ResultRow::model, "");
        column(sqlColumn, ResultRow::sqlOneLine, "sql-cell");
        column(reasonColumn, ResultRow::reasonText, "");
        verdictColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().verdict()));
        verdictColumn.setCellFactory(col -> new VerdictCell());
        resultsTable.getSelectionModel().selectedItemProperty()
                .addListener((obs, was, is) -> viewModel.selectedResultProperty().set(is));

        detailPane.visibleProperty().bind(viewModel.detailShownProperty());
        detailPane.managedProperty().bind(viewModel.detailShownProperty());
        detailTitle.textProperty().bind(viewModel.detailTitleProperty());
        detailReason.textProperty().bind(viewModel.detailReasonProperty());
        detailPredicted.textProperty().bind(viewModel.detailPredictedSqlProperty());
        detailGold.textProperty().bind(viewModel.detailGoldSqlProperty());
    }

    /**
     * The setup card or, folded, one line in the header: the model and the plan, a link to open
     * the setup again, and Run/Cancel (the card's own buttons are folded away with it).
     */
    private void bindSetupFold() {
        var open = setupFold.openProperty();
        setupCard.visibleProperty().bind(open);
        setupCard.managedProperty().bind(open);
        setupSummary.textProperty().bind(Bindings.createStringBinding(() -> {
            ModelChoice model = viewModel.selectedModelProperty().get();
            return (model == null ? "no model" : model.toString()) + " · " + viewModel.planTextProperty().get();
        }, viewModel.selectedModelProperty(), viewModel.planTextProperty()));
        setupSummary.visibleProperty().bind(open.not());
        setupSummary.managedProperty().bind(open.not());
        setupToggle.textProperty().bind(Bindings.when(open).then("Hide setup ▴").otherwise("Change setup ▾"));
        // Before the first run the setup is the screen: nothing to fold yet.
        setupToggle.visibleProperty().bind(open.not().or(viewModel.runIdProperty().isNotEmpty())
                .or(viewModel.runningProperty()));
        setupToggle.managedProperty().bind(setupToggle.visibleProperty());
        foldedRunButton.disableProperty().bind(viewModel.canStartRunProperty().not());
        foldedRunButton.visibleProperty().bind(open.not().and(viewModel.runningProperty().not()));
        foldedRunButton.managedProperty().bind(foldedRunButton.visibleProperty());
        foldedCancelButton.disableProperty().bind(viewModel.canCancelProperty().not());
        foldedCancelButton.visibleProperty().bind(open.not().and(viewModel.runningProperty()));
        foldedCancelButton.managedProperty().bind(foldedCancelButton.visibleProperty());
    }

    @FXML
    private void onToggleSetup() {
        setupFold.toggle();
    }

    /** Shows the "open the comparison" link while {@code shown} is true; clicking it runs {@code action}. */
    public void bindCompareLink(javafx.beans.value.ObservableBooleanValue shown, Runnable action) {
        compareLink.visibleProperty().bind(shown);
        compareLink.managedProperty().bind(shown);
        compareLink.setOnAction(event -> action.run());
    }

    /** Puts the keyboard in the results search field. */
    public void focusSearch() {
        searchField.requestFocus();
    }

    /** Esc cancels, Ctrl+F finds in the results; Ctrl+R is the main window's Run menu. */
    public void installShortcuts(Scene scene) {
        // A filter, not an accelerator: focused text fields consume Esc before accelerators see it.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && viewModel.canCancelProperty().get()) {
                viewModel.cancelRun();
                event.consume();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                searchField::requestFocus);
    }

    @FXML
    private void onRun() {
        viewModel.startRun();
    }

    @FXML
    private void onResume() {
        viewModel.resumeRun();
    }

    @FXML
    private void onCancel() {
        viewModel.cancelRun();
    }

    @FXML
    private void onShowErrorDetails() {
        viewModel.showErrorDetails();
    }

    @FXML
    private void onCloseDetail() {
        resultsTable.getSelectionModel().clearSelection();
    }

    @FXML
    private void onDismissError() {
        viewModel.dismissError();
    }

    /** A model to add to the run; the main model's own box is hidden, since it runs anyway. */
    private Node modelBox(ModelOption option) {
        CheckBox box = new CheckBox(option.choice().label());
        box.selectedProperty().bindBidirectional(option.selectedProperty());
        box.disableProperty().bind(viewModel.runningProperty());
        box.visibleProperty().bind(viewModel.selectedModelProperty().isNotEqualTo(option.choice()));
        box.managedProperty().bind(box.visibleProperty());
        box.setTooltip(new Tooltip(option.choice().problem().isBlank() ? option.choice().detail()
                : option.choice().problem()));
        return box;
    }

    private Node variantBox(VariantOption option) {
        CheckBox box = new CheckBox(option.name());
        box.selectedProperty().bindBidirectional(option.selectedProperty());
        box.disableProperty().bind(viewModel.runningProperty());
        box.setTooltip(new Tooltip(option.description()));
        return box;
    }

    private void showPhase(RunPhase was, RunPhase is) {
        if (was != null) {
            root.pseudoClassStateChanged(phaseClass(was), false);
        }
        root.pseudoClassStateChanged(phaseClass(is), true);
    }

    private static PseudoClass phaseClass(RunPhase phase) {
        return PseudoClass.getPseudoClass("phase-" + phase.name().toLowerCase(Locale.ROOT));
    }

    private void renderCards() {
        List<Node> nodes = new ArrayList<>(viewModel.cards().stream().map(RunView::cardNode).toList());
        if (!viewModel.failureCounts().isEmpty()) {
            nodes.add(failureNode(viewModel.failureCounts()));
        }
        cardPane.getChildren().setAll(nodes);
    }

    private static Node failureNode(List<FailureCount> counts) {
        VBox box = new VBox(styled(new Label("Why items failed"), "card-title"),
                styled(new Label("all variants and models"), "card-subtitle"));
        for (FailureCount count : counts.subList(0, Math.min(5, counts.size()))) {
            Label label = styled(new Label(count.label()), "failure-label");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(8, label, gap, styled(new Label(Integer.toString(count.count())), "failure-count"));
            line.getStyleClass().add("failure-line");
            box.getChildren().add(line);
        }
        box.getStyleClass().addAll("summary-card", "failure-card");
        return box;
    }

    private static Node cardNode(CellCard card) {
        Label variant = styled(new Label(card.variant()), "card-title");
        Label model = styled(new Label(card.model()), "card-subtitle");
        Label accuracy = styled(new Label(card.accuracyText()), "card-accuracy");
        Label accuracyCaption = styled(new Label("accuracy"), "card-caption");
        HBox headline = new HBox(8, accuracy, accuracyCaption);
        headline.getStyleClass().add("card-headline");
        ProgressBar bar = styled(new ProgressBar(card.bar()), "accuracy-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        Label interval = styled(new Label(card.intervalText()), "card-caption");
        Label counts = styled(new Label(card.countsText()), "card-counts");
        Label detail = styled(new Label(card.detailText()), "card-caption");
        VBox box = new VBox(variant, model, headline, bar, interval, counts, detail);
        box.getStyleClass().add("summary-card");
        return box;
    }

    private static <N extends Node> N styled(N node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }

    private static void column(TableColumn<ResultRow, String> column, Function<ResultRow, String> value,
            String styleClass) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(col -> new TextCell(styleClass));
    }

    /** Text that may not fit: cut with an ellipsis, shown whole in a tooltip. */
    private static final class TextCell extends TableCell<ResultRow, String> {
        private final Tooltip tooltip = new Tooltip();

        TextCell(String styleClass) {
            if (!styleClass.isEmpty()) {
                getStyleClass().add(styleClass);
            }
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(560);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            boolean blank = empty || item == null || item.isEmpty();
            setText(blank ? null : item);
            tooltip.setText(blank ? "" : item);
            setTooltip(blank ? null : tooltip);
        }
    }

    /** PASS, FAIL or ERROR as a coloured pill. */
    private static final class VerdictCell extends TableCell<ResultRow, VerdictKind> {
        private final Label pill = new Label();

        @Override
        protected void updateItem(VerdictKind item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            pill.setText(item.name());
            pill.setMinWidth(Region.USE_PREF_SIZE);
            pill.getStyleClass().setAll("verdict-pill", item.styleClass());
            setGraphic(pill);
        }
    }
}
