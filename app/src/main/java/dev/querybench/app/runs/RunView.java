package dev.querybench.app.runs;

import dev.querybench.app.text.VerdictKind;
import dev.querybench.app.widgets.AttachWhenShown;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
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
import javafx.scene.layout.VBox;

/** The run screen's FXML controller: binds controls to {@link RunViewModel} and forwards actions. */
public final class RunView {

    /**
     * Result rows are single lines of one height (the stylesheet's {@code -fx-cell-size}); fixed, the
     * table does not style and lay out a throwaway row per result to estimate its scroll height.
     */
    private static final double RESULT_ROW_HEIGHT = 30;
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
    private RunCardsView cardsView;
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
        this.setupFold = new SetupFold(viewModel.phaseProperty(), viewModel.runIdProperty(),
                viewModel.latestPendingProperty());
    }

    @FXML
    private void initialize() {
        bindSetup(viewModel.setup());
        bindResume(viewModel.resume());
        runButton.disableProperty().bind(viewModel.canStartRunProperty().not());
        cancelButton.disableProperty().bind(viewModel.canCancelProperty().not());
        bindSetupFold();
        bindBanners(viewModel.error(), viewModel.progress());
        bindProgress(viewModel.progress());
        bindResults(viewModel.results());
        bindDetail(viewModel.detail());
    }

    private void bindSetup(RunSetupViewModel setup) {
        scopeLabel.setText(setup.scopeText());
        compareLink.setVisible(false);
        compareLink.setManaged(false);
        modelBox.setItems(setup.models());
        modelBox.valueProperty().bindBidirectional(setup.selectedModelProperty());
        modelBox.disableProperty().bind(viewModel.runningProperty());
        modelHint.textProperty().bind(setup.modelHintProperty());
        modelHint.pseudoClassStateChanged(WARNING, setup.modelNeedsAttentionProperty().get());
        setup.modelNeedsAttentionProperty().addListener((obs, was, is) -> modelHint.pseudoClassStateChanged(WARNING, is));

        judgeBox.setItems(setup.judges());
        judgeBox.valueProperty().bindBidirectional(setup.selectedJudgeProperty());
        judgeBox.disableProperty().bind(viewModel.runningProperty());
        judgeHint.textProperty().bind(setup.judgeHintProperty());

        variantPane.getChildren().setAll(setup.variants().stream().map(this::variantBox).toList());
        compareModelPane.getChildren().setAll(setup.compareModels().stream().map(this::modelBox).toList());
        boolean severalModels = setup.compareModels().size() > 1;
        compareModelsLabel.setVisible(severalModels);
        compareModelsLabel.setManaged(severalModels);
        compareModelPane.setVisible(severalModels);
        compareModelPane.setManaged(severalModels);
        planLabel.textProperty().bind(setup.planTextProperty());
        subsetBox.setItems(setup.subsets());
        subsetBox.valueProperty().bindBidirectional(setup.subsetProperty());
        subsetBox.disableProperty().bind(viewModel.runningProperty());
        repeatsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 20,
                setup.repeatsProperty().get()));
        repeatsSpinner.getValueFactory().valueProperty().addListener((obs, was, is) ->
                setup.repeatsProperty().set(is == null ? 1 : is));
        repeatsSpinner.disableProperty().bind(viewModel.runningProperty());
    }

    /** The Resume link in the setup and the Resume button on the error banner. */
    private void bindResume(RunResumeViewModel resume) {
        resumeLink.visibleProperty().bind(resume.canResumeProperty());
        resumeLink.managedProperty().bind(resumeLink.visibleProperty());
        resumeTip.textProperty().bind(resume.resumeTextProperty());
        // what stopped or cut short the run, and the way on from it
        bannerResumeButton.visibleProperty().bind(resume.canResumeProperty());
        bannerResumeButton.managedProperty().bind(bannerResumeButton.visibleProperty());
        bannerResumeTip.textProperty().bind(resume.resumeTextProperty());
    }

    private void bindBanners(RunErrorBanner error, RunProgressViewModel progress) {
        errorBanner.visibleProperty().bind(error.shownProperty());
        errorBanner.managedProperty().bind(error.shownProperty());
        errorMessage.textProperty().bind(error.messageProperty());
        errorRemedy.textProperty().bind(error.remedyProperty());
        errorRemedy.visibleProperty().bind(error.remedyProperty().isNotEmpty());
        errorRemedy.managedProperty().bind(errorRemedy.visibleProperty());
        errorDetailsLink.visibleProperty().bind(error.detailsProperty().isNotEmpty());
        errorDetailsLink.managedProperty().bind(errorDetailsLink.visibleProperty());

        privilegedWarning.textProperty().bind(progress.privilegedWarningProperty());
        privilegedBanner.visibleProperty().bind(progress.privilegedWarningProperty().isNotEmpty());
        privilegedBanner.managedProperty().bind(privilegedBanner.visibleProperty());
        AttachWhenShown.whenVisible(errorBanner);
        AttachWhenShown.whenVisible(privilegedBanner);
    }

    private void bindProgress(RunProgressViewModel progress) {
        statusLabel.textProperty().bind(viewModel.statusTextProperty());
        progressLabel.textProperty().bind(progress.progressTextProperty());
        progressBar.progressProperty().bind(progress.progressProperty());
        showPhase(null, viewModel.phaseProperty().get());
        viewModel.phaseProperty().addListener((obs, was, is) -> {
            showPhase(was, is);
            // The Run button disables itself; keep the keyboard on the run instead of the search field.
            (is.isActive() ? (setupFold.openProperty().get() ? cancelButton : foldedCancelButton) : resultsTable)
                    .requestFocus();
        });
        cardsView = new RunCardsView(cardPane);
        // the failure reasons change with the cards, before them (RunProgressViewModel): one render per batch
        progress.cards().addListener((ListChangeListener<CellCard>) change -> renderCards());
        renderCards();
        cardPane.visibleProperty().bind(Bindings.isNotEmpty(progress.cards()));
        cardPane.managedProperty().bind(cardPane.visibleProperty());
    }

    private void bindResults(RunResultsViewModel results) {
        resultsCount.textProperty().bind(results.resultsSummaryProperty());
        searchField.textProperty().bindBidirectional(results.searchTextProperty());
        verdictFilterBox.getItems().setAll(results.verdictFilters());
        verdictFilterBox.valueProperty().bindBidirectional(results.verdictFilterProperty());

        SortedList<ResultRow> sorted = new SortedList<>(results.visibleRows());
        sorted.comparatorProperty().bind(resultsTable.comparatorProperty());
        resultsTable.setItems(sorted);
        resultsTable.setFixedCellSize(RESULT_ROW_HEIGHT);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder");
        placeholder.textProperty().bind(results.emptyResultsTextProperty());
        resultsTable.setPlaceholder(placeholder);
        ResultCellsView.text(idColumn, ResultRow::questionId, "");
        ResultCellsView.text(questionColumn, ResultRow::question, "");
        ResultCellsView.text(variantColumn, ResultRow::variant, "");
        ResultCellsView.text(modelColumn, ResultRow::model, "");
        ResultCellsView.text(sqlColumn, ResultRow::sqlOneLine, "sql-cell");
        ResultCellsView.text(reasonColumn, ResultRow::reasonText, "");
        ResultCellsView.verdict(verdictColumn);
        resultsTable.getSelectionModel().selectedItemProperty()
                .addListener((obs, was, is) -> results.selectedResultProperty().set(is));
    }

    private void bindDetail(RunDetailViewModel detail) {
        detailPane.visibleProperty().bind(detail.detailShownProperty());
        detailPane.managedProperty().bind(detail.detailShownProperty());
        detailTitle.textProperty().bind(detail.detailTitleProperty());
        detailReason.textProperty().bind(detail.detailReasonProperty());
        detailPredicted.textProperty().bind(detail.detailPredictedSqlProperty());
        detailGold.textProperty().bind(detail.detailGoldSqlProperty());
        AttachWhenShown.whenVisible(detailPane);
    }

    /**
     * The setup card or, folded, one line in the header: the model and the plan, a link to open
     * the setup again, and Run/Cancel (the card's own buttons are folded away with it).
     */
    private void bindSetupFold() {
        var open = setupFold.openProperty();
        setupCard.visibleProperty().bind(open);
        setupCard.managedProperty().bind(open);
        AttachWhenShown.whenVisible(setupCard);
        setupSummary.textProperty().bind(Bindings.createStringBinding(() -> {
            ModelChoice model = viewModel.setup().selectedModelProperty().get();
            return (model == null ? "no model" : model.toString()) + " · " + viewModel.setup().planTextProperty().get();
        }, viewModel.setup().selectedModelProperty(), viewModel.setup().planTextProperty()));
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
        box.visibleProperty().bind(viewModel.setup().selectedModelProperty().isNotEqualTo(option.choice()));
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
        cardsView.show(viewModel.progress().cards(), viewModel.progress().failureCounts());
    }
}
