package dev.querybench.app.compare;

import dev.querybench.app.grid.GridData;
import dev.querybench.app.text.VerdictKind;
import dev.querybench.app.widgets.CodeView;
import dev.querybench.app.widgets.HoverTooltip;
import dev.querybench.app.widgets.ResultGrid;
import dev.querybench.app.widgets.TextTooltipCell;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The comparison tab's FXML controller: binds to {@link ComparisonViewModel} and its children and forwards clicks. */
public final class ComparisonView {

    private static final int FIXED_COLUMNS = 3;
    /** One matrix row: fixed, so the table lays out without measuring rows and shows a known number of them. */
    static final double ROW_HEIGHT = 26;

    private final ComparisonViewModel viewModel;
    private final CellDetailViewModel detail;
    private final CardStripViewModel strip;
    private Consumer<String> onExport;
    private Consumer<URI> onOpenLink = uri -> { };

    @FXML private VBox root;
    @FXML private Label titleLabel;
    @FXML private Label subtitleLabel;
    @FXML private ComboBox<BaselineViewModel.Choice> baselineBox;
    @FXML private Label baselineSummary;
    @FXML private Label privilegedWarning;
    @FXML private Button exportButton;
    @FXML private ToggleButton cardsToggle;
    @FXML private ScrollPane cardScroll;
    @FXML private HBox cardPane;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private Label pairText;
    @FXML private Label pairDetail;
    @FXML private Label matrixSummary;
    @FXML private ComboBox<MatrixFilter> filterBox;
    @FXML private ComboBox<String> categoryBox;
    @FXML private ComboBox<String> difficultyBox;
    @FXML private TextField searchField;
    @FXML private TableView<MatrixRow> matrix;
    @FXML private VBox previewBox;
    @FXML private Label previewTitle;
    @FXML private Label previewSql;
    @FXML private Label previewReason;
    @FXML private Label detailEmpty;
    @FXML private VBox detailContent;
    @FXML private Label detailVerdict;
    @FXML private Label detailTitle;
    @FXML private Label detailQuestion;
    @FXML private Label detailVerdictText;
    @FXML private Label rationale;
    @FXML private Label usage;
    @FXML private CodeView goldSql;
    @FXML private CodeView predictedSql;
    @FXML private Label goldGridSummary;
    @FXML private Label predictedGridSummary;
    @FXML private ProgressIndicator gridsBusy;
    @FXML private ResultGrid goldGrid;
    @FXML private ResultGrid predictedGrid;
    @FXML private VBox attemptsBox;
    @FXML private Label legend;
    @FXML private Hyperlink traceLink;
    @FXML private VBox judgeBox;
    @FXML private Label judgeDecision;
    @FXML private Label judgeText;
    @FXML private Label judgeConflict;
    @FXML private Label judgeRationale;

    public ComparisonView(ComparisonViewModel viewModel) {
        this.viewModel = viewModel;
        this.detail = viewModel.detail();
        this.strip = viewModel.strip();
    }

    /** What the Export button does; without it the button is hidden. */
    public void setOnExport(Consumer<String> action) {
        onExport = action;
        exportButton.setVisible(action != null);
        exportButton.setManaged(action != null);
    }

    /** How a web address is opened (the application's HostServices); the trace link uses it. */
    public void setOnOpenLink(Consumer<URI> opener) {
        onOpenLink = opener == null ? uri -> { } : opener;
    }

    /** The matrix / detail split, whose divider the window layout remembers. */
    public javafx.scene.control.SplitPane split() {
        return split;
    }

    public Node root() {
        return root;
    }

    /** Puts the keyboard in the search field (Ctrl+F). */
    public void focusSearch() {
        searchField.requestFocus();
    }

    @FXML
    private void initialize() {
        titleLabel.setText(viewModel.title());
        subtitleLabel.setText(viewModel.subtitle());
        subtitleLabel.setTooltip(new Tooltip(viewModel.subtitle()));
        setOnExport(null);

        strip.cards().addListener((ListChangeListener<CompareCard>) change -> renderCards());
        renderCards();
        pairText.textProperty().bind(strip.pairTextProperty());
        pairDetail.textProperty().bind(strip.pairDetailProperty());
        pairDetail.setTooltip(new Tooltip());
        pairDetail.getTooltip().textProperty().bind(strip.pairDetailProperty());
        cardsToggle.selectedProperty().bindBidirectional(strip.collapsedProperty());
        cardsToggle.textProperty().bind(javafx.beans.binding.Bindings.when(strip.collapsedProperty())
                .then("▸ Cards").otherwise("▾ Cards"));
        cardScroll.visibleProperty().bind(strip.collapsedProperty().not());
        cardScroll.managedProperty().bind(cardScroll.visibleProperty());

        baselineBox.setItems(viewModel.baseline().choices());
        baselineBox.valueProperty().bindBidirectional(viewModel.baseline().baselineProperty());
        privilegedWarning.setText(viewModel.privilegedWarning());
        privilegedWarning.setVisible(!viewModel.privilegedWarning().isEmpty());
        privilegedWarning.setManaged(privilegedWarning.isVisible());
        baselineSummary.textProperty().bind(viewModel.baseline().summaryProperty());
        baselineSummary.visibleProperty().bind(viewModel.baseline().summaryProperty().isNotEmpty());
        baselineSummary.managedProperty().bind(baselineSummary.visibleProperty());
        viewModel.baseline().resultProperty().addListener((obs, was, is) -> matrix.refresh());

        filterBox.getItems().setAll(viewModel.filters());
        filterBox.valueProperty().bindBidirectional(viewModel.filterProperty());
        categoryBox.getItems().setAll(viewModel.categories());
        categoryBox.valueProperty().bindBidirectional(viewModel.categoryProperty());
        difficultyBox.getItems().setAll(viewModel.difficulties());
        difficultyBox.valueProperty().bindBidirectional(viewModel.difficultyProperty());
        searchField.textProperty().bindBidirectional(viewModel.searchTextProperty());
        matrixSummary.textProperty().bind(viewModel.matrixSummaryProperty());
        buildMatrix();
        bindPreview();
        bindDetail();
        viewModel.activate();
    }

    private void bindPreview() {
        viewModel.selectedPreviewProperty().addListener((obs, was, is) -> {
            previewTitle.setText(is.title());
            previewSql.setText(is.sql());
            previewReason.setText(is.reason());
        });
        previewBox.visibleProperty().bind(viewModel.detailShownProperty());
        previewBox.managedProperty().bind(previewBox.visibleProperty());
    }

    private void bindDetail() {
        detailContent.visibleProperty().bind(viewModel.detailShownProperty());
        detailContent.managedProperty().bind(viewModel.detailShownProperty());
        detailEmpty.visibleProperty().bind(viewModel.detailShownProperty().not());
        detailEmpty.managedProperty().bind(detailEmpty.visibleProperty());
        detailTitle.textProperty().bind(detail.detailTitleProperty());
        detailQuestion.textProperty().bind(detail.detailQuestionProperty());
        detailVerdictText.textProperty().bind(detail.detailVerdictTextProperty());
        detailVerdictText.visibleProperty().bind(detail.detailVerdictTextProperty().isNotEmpty());
        detailVerdictText.managedProperty().bind(detailVerdictText.visibleProperty());
        rationale.textProperty().bind(detail.rationaleProperty());
        usage.textProperty().bind(detail.usageTextProperty());
        detail.detailVerdictProperty().addListener((obs, was, is) -> showVerdict(is));
        detail.goldHighlightsProperty().addListener((obs, was, is) -> goldSql.show(detail.goldSqlProperty().get(), is));
        detail.predictedHighlightsProperty().addListener(
                (obs, was, is) -> predictedSql.show(detail.predictedSqlProperty().get(), is));
        goldSql.setEditable(false);
        predictedSql.setEditable(false);
        detail.goldGridProperty().addListener((obs, was, is) -> showGrid(goldGrid, goldGridSummary, is));
        detail.predictedGridProperty().addListener((obs, was, is) -> showGrid(predictedGrid, predictedGridSummary, is));
        gridsBusy.visibleProperty().bind(detail.gridsLoadingProperty());
        detail.attempts().addListener((ListChangeListener<String>) change -> renderAttempts());
        renderAttempts();

        if (viewModel.judged()) {
            legend.getTooltip().setText(legend.getTooltip().getText() + "; " + MatrixCell.JUDGE_DISAGREES_MARK
                    + " the LLM judge contradicts the execution verdict");
        }
        legend.accessibleTextProperty().bind(legend.getTooltip().textProperty());
        judgeBox.visibleProperty().bind(detail.judgeShownProperty());
        judgeBox.managedProperty().bind(judgeBox.visibleProperty());
        judgeDecision.textProperty().bind(detail.judgeDecisionProperty());
        detail.judgeDecisionProperty().addListener((obs, was, is) -> showJudgeDecision(is));
        judgeText.textProperty().bind(detail.judgeTextProperty());
        judgeConflict.textProperty().bind(detail.judgeConflictProperty());
        judgeConflict.visibleProperty().bind(detail.judgeConflictProperty().isNotEmpty());
        judgeConflict.managedProperty().bind(judgeConflict.visibleProperty());
        judgeRationale.textProperty().bind(detail.judgeRationaleProperty());
        traceLink.visibleProperty().bind(detail.traceShownProperty());
        traceLink.managedProperty().bind(traceLink.visibleProperty());
        traceLink.setTooltip(new Tooltip());
        traceLink.getTooltip().textProperty().bind(detail.traceUrlProperty());
        // Another cell links to another trace, which has not been opened yet.
        detail.traceUrlProperty().addListener((obs, was, is) -> traceLink.setVisited(false));
    }

    private void showJudgeDecision(String decision) {
        judgeDecision.getStyleClass().setAll("label", "judge-pill", switch (decision) {
            case "equivalent" -> "judge-equivalent";
            case "not equivalent" -> "judge-not-equivalent";
            default -> "judge-uncertain";
        });
    }

    private void buildMatrix() {
        matrix.getSelectionModel().setCellSelectionEnabled(true);
        matrix.setFixedCellSize(ROW_HEIGHT);
        matrix.setItems(viewModel.visibleRows());
        Label placeholder = new Label("No question matches these filters.");
        placeholder.getStyleClass().add("placeholder");
        matrix.setPlaceholder(placeholder);
        TableColumn<MatrixRow, String> id = textColumn("ID", 70,
                row -> row.questionId() + viewModel.baseline().mark(row.questionId()));
        matrix.getColumns().add(id);
        TableColumn<MatrixRow, String> question = textColumn("Question", 240, MatrixRow::question);
        question.setCellFactory(c -> new TextTooltipCell<>(""));
        matrix.getColumns().add(question);
        matrix.getColumns().add(textColumn("Level", 62, MatrixRow::difficulty));
        List<String> variants = viewModel.columnVariants();
        List<String> models = viewModel.columnModels();
        for (int i = 0; i < variants.size(); i++) {
            int index = i;
            TableColumn<MatrixRow, MatrixCell> column = new TableColumn<>();
            Label variant = new Label(variants.get(i));
            variant.getStyleClass().add("matrix-header-variant");
            Label model = new Label(models.get(i));
            model.getStyleClass().add("matrix-header-model");
            column.setGraphic(new VBox(0, variant, model));
            column.setPrefWidth(Math.max(172, Math.max(variants.get(i).length(), models.get(i).length()) * 7.5 + 20));
            column.setSortable(false);
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cell(index)));
            column.setCellFactory(c -> new VerdictCell(index));
            matrix.getColumns().add(column);
        }
        matrix.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) change -> {
            List<TablePosition> selected = matrix.getSelectionModel().getSelectedCells();
            if (selected.isEmpty()) {
                return;
            }
            TablePosition<?, ?> position = selected.getLast();
            MatrixRow row = position.getRow() < 0 ? null : matrix.getItems().get(position.getRow());
            int column = position.getColumn() - FIXED_COLUMNS;
            viewModel.select(row, column < 0 ? Math.max(0, strip.cellAProperty().get()) : column);
        });
    }

    private static TableColumn<MatrixRow, String> textColumn(String title, double width,
            java.util.function.Function<MatrixRow, String> value) {
        TableColumn<MatrixRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    private void renderCards() {
        cardPane.getChildren().setAll(strip.cards().stream().map(card -> CompactCardView.of(card, strip)).toList());
    }

    private void showVerdict(VerdictKind verdict) {
        detailVerdict.getStyleClass().setAll("label", "verdict-pill",
                verdict == null ? "verdict-none" : verdict.styleClass());
        detailVerdict.setText(verdict == null ? "—" : verdict.name());
    }

    private static void showGrid(ResultGrid grid, Label summary, GridData data) {
        grid.show(data);
        summary.setText(data.summary());
        summary.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), data.error());
    }

    private void renderAttempts() {
        attemptsBox.getChildren().subList(1, attemptsBox.getChildren().size()).clear();
        for (String line : detail.attempts()) {
            Label label = new Label(line);
            label.getStyleClass().add("attempt-line");
            label.setWrapText(true);
            attemptsBox.getChildren().add(label);
        }
        attemptsBox.setVisible(!detail.attempts().isEmpty());
        attemptsBox.setManaged(attemptsBox.isVisible());
    }

    @FXML
    private void onCopyTable() {
        copy(viewModel.matrixAsMarkdown());
    }

    @FXML
    private void onOpenTrace() {
        URI uri = viewModel.selectedTraceUri();
        if (uri != null) {
            onOpenLink.accept(uri);
        }
    }

    @FXML
    private void onCopySql() {
        copy(viewModel.selectedPredictedSql());
    }

    @FXML
    private void onExport() {
        if (onExport != null) {
            onExport.accept(viewModel.runId());
        }
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** A verdict pill with the flags as small marks; hovering shows the predicted SQL and the reason. */
    private final class VerdictCell extends TableCell<MatrixRow, MatrixCell> {
        private final int column;
        private final Label pill = new Label();
        private final Label marks = new Label();
        private final HBox box = new HBox(4, pill, marks);
        // Made on first hover and filled when it shows, so scrolling a long matrix formats no cell's SQL.
        private final HoverTooltip tip = HoverTooltip.install(this, () -> isEmpty() || getItem() == null ? null : "…",
                made -> {
                    HoverTooltip.wrap(made);
                    made.setShowDelay(Duration.millis(250));
                    made.setShowDuration(Duration.seconds(30));
                    made.getStyleClass().add("cell-tooltip");
                    made.setOnShowing(event -> made.setText(previewText()));
                });

        VerdictCell(int column) {
            this.column = column;
            marks.getStyleClass().add("flag-marks");
            box.setFillHeight(false);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        private String previewText() {
            MatrixRow row = getTableRow() == null ? null : getTableRow().getItem();
            CellPreview preview = viewModel.preview(row, this.column);
            return preview.title() + "\n" + preview.reason() + "\n\n" + preview.sql();
        }

        @Override
        protected void updateItem(MatrixCell cell, boolean empty) {
            super.updateItem(cell, empty);
            if (empty || cell == null) {
                setGraphic(null);
                tip.refresh();
                return;
            }
            pill.setText(cell.passed() || cell.category().isBlank() || cell.verdict() == VerdictKind.ERROR ? cell.text()
                    : cell.text() + " · " + cell.category().toLowerCase(java.util.Locale.ROOT));
            pill.getStyleClass().setAll("label", "verdict-pill",
                    cell.verdict() == null ? "verdict-none" : cell.verdict().styleClass());
            marks.setText(cell.marks());
            setGraphic(box);
            tip.refresh();
        }
    }
}
