package dev.querybench.app.compare;

import dev.querybench.app.grid.GridData;
import dev.querybench.app.runs.VerdictKind;
import dev.querybench.app.widgets.CodeView;
import dev.querybench.app.widgets.IntervalBar;
import dev.querybench.app.widgets.ResultGrid;
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
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The comparison tab's FXML controller: binds to {@link ComparisonViewModel} and forwards clicks. */
public final class ComparisonView {

    private static final PseudoClass ROLE_A = PseudoClass.getPseudoClass("role-a");
    private static final PseudoClass ROLE_B = PseudoClass.getPseudoClass("role-b");
    private static final int FIXED_COLUMNS = 3;

    private final ComparisonViewModel viewModel;
    private Consumer<String> onExport;
    private Consumer<URI> onOpenLink = uri -> { };

    @FXML private VBox root;
    @FXML private Label titleLabel;
    @FXML private Label subtitleLabel;
    @FXML private Button exportButton;
    @FXML private FlowPane cardPane;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private VBox pairBox;
    @FXML private Label pairText;
    @FXML private Label pairDetail;
    @FXML private Label matrixSummary;
    @FXML private ComboBox<MatrixFilter> filterBox;
    @FXML private ComboBox<String> categoryBox;
    @FXML private ComboBox<String> difficultyBox;
    @FXML private TextField searchField;
    @FXML private TableView<MatrixRow> matrix;
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
        setOnExport(null);

        viewModel.cards().addListener((ListChangeListener<CompareCard>) change -> renderCards());
        renderCards();
        pairText.textProperty().bind(viewModel.pairTextProperty());
        pairDetail.textProperty().bind(viewModel.pairDetailProperty());

        filterBox.getItems().setAll(viewModel.filters());
        filterBox.valueProperty().bindBidirectional(viewModel.filterProperty());
        categoryBox.getItems().setAll(viewModel.categories());
        categoryBox.valueProperty().bindBidirectional(viewModel.categoryProperty());
        difficultyBox.getItems().setAll(viewModel.difficulties());
        difficultyBox.valueProperty().bindBidirectional(viewModel.difficultyProperty());
        searchField.textProperty().bindBidirectional(viewModel.searchTextProperty());
        matrixSummary.textProperty().bind(viewModel.matrixSummaryProperty());
        buildMatrix();

        detailContent.visibleProperty().bind(viewModel.detailShownProperty());
        detailContent.managedProperty().bind(viewModel.detailShownProperty());
        detailEmpty.visibleProperty().bind(viewModel.detailShownProperty().not());
        detailEmpty.managedProperty().bind(detailEmpty.visibleProperty());
        detailTitle.textProperty().bind(viewModel.detailTitleProperty());
        detailQuestion.textProperty().bind(viewModel.detailQuestionProperty());
        detailQuestion.setTooltip(new Tooltip());
        detailQuestion.getTooltip().textProperty().bind(viewModel.detailQuestionProperty());
        detailVerdictText.textProperty().bind(viewModel.detailVerdictTextProperty());
        detailVerdictText.visibleProperty().bind(viewModel.detailVerdictTextProperty().isNotEmpty());
        detailVerdictText.managedProperty().bind(detailVerdictText.visibleProperty());
        rationale.textProperty().bind(viewModel.rationaleProperty());
        usage.textProperty().bind(viewModel.usageTextProperty());
        viewModel.detailVerdictProperty().addListener((obs, was, is) -> showVerdict(is));
        viewModel.goldHighlightsProperty().addListener((obs, was, is) -> goldSql.show(viewModel.goldSqlProperty().get(), is));
        viewModel.predictedHighlightsProperty().addListener(
                (obs, was, is) -> predictedSql.show(viewModel.predictedSqlProperty().get(), is));
        goldSql.setEditable(false);
        predictedSql.setEditable(false);
        viewModel.goldGridProperty().addListener((obs, was, is) -> showGrid(goldGrid, goldGridSummary, is));
        viewModel.predictedGridProperty().addListener((obs, was, is) -> showGrid(predictedGrid, predictedGridSummary, is));
        gridsBusy.visibleProperty().bind(viewModel.gridsLoadingProperty());
        viewModel.attempts().addListener((ListChangeListener<String>) change -> renderAttempts());
        renderAttempts();

        if (viewModel.judged()) {
            // The judge's mark first: the legend is cut when the window is narrow.
            legend.setText(MatrixCell.JUDGE_DISAGREES_MARK + " judge disagrees · " + legend.getText());
            legend.getTooltip().setText(legend.getTooltip().getText() + "; " + MatrixCell.JUDGE_DISAGREES_MARK
                    + " the LLM judge contradicts the execution verdict");
        }
        judgeBox.visibleProperty().bind(viewModel.judgeShownProperty());
        judgeBox.managedProperty().bind(judgeBox.visibleProperty());
        judgeDecision.textProperty().bind(viewModel.judgeDecisionProperty());
        viewModel.judgeDecisionProperty().addListener((obs, was, is) -> showJudgeDecision(is));
        judgeText.textProperty().bind(viewModel.judgeTextProperty());
        judgeConflict.textProperty().bind(viewModel.judgeConflictProperty());
        judgeConflict.visibleProperty().bind(viewModel.judgeConflictProperty().isNotEmpty());
        judgeConflict.managedProperty().bind(judgeConflict.visibleProperty());
        judgeRationale.textProperty().bind(viewModel.judgeRationaleProperty());
        traceLink.visibleProperty().bind(viewModel.traceShownProperty());
        traceLink.managedProperty().bind(traceLink.visibleProperty());
        traceLink.setTooltip(new Tooltip());
        traceLink.getTooltip().textProperty().bind(viewModel.traceUrlProperty());
        // Another cell links to another trace, which has not been opened yet.
        viewModel.traceUrlProperty().addListener((obs, was, is) -> traceLink.setVisited(false));
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
        matrix.setItems(viewModel.visibleRows());
        Label placeholder = new Label("No question matches these filters.");
        placeholder.getStyleClass().add("placeholder");
        matrix.setPlaceholder(placeholder);
        matrix.getColumns().add(textColumn("ID", 64, MatrixRow::questionId));
        TableColumn<MatrixRow, String> question = textColumn("Question", 300, MatrixRow::question);
        matrix.getColumns().add(question);
        matrix.getColumns().add(textColumn("Difficulty", 84, MatrixRow::difficulty));
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
            column.setPrefWidth(Math.max(210, Math.max(variants.get(i).length(), models.get(i).length()) * 8 + 30));
            column.setSortable(false);
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cell(index)));
            column.setCellFactory(c -> new VerdictCell());
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
            viewModel.select(row, column < 0 ? Math.max(0, viewModel.cellAProperty().get()) : column);
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
        List<Node> nodes = new java.util.ArrayList<>(viewModel.cards().stream().map(this::cardNode).toList());
        nodes.add(pairBox);
        cardPane.getChildren().setAll(nodes);
    }

    private Node cardNode(CompareCard card) {
        Label title = new Label(card.variant());
        title.getStyleClass().add("card-title");
        Label role = new Label(card.role());
        role.getStyleClass().add("role-badge");
        role.setVisible(!card.role().isEmpty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, title, spacer, role);
        Label model = new Label(card.model());
        model.getStyleClass().add("card-subtitle");
        Label accuracy = new Label(card.accuracyText());
        accuracy.getStyleClass().add("card-accuracy");
        Label caption = new Label("accuracy");
        caption.getStyleClass().add("card-caption");
        HBox headline = new HBox(8, accuracy, caption);
        headline.getStyleClass().add("card-headline");
        IntervalBar bar = new IntervalBar();
        bar.set(card.value(), card.low(), card.high());
        Label interval = new Label(card.intervalText());
        interval.getStyleClass().add("card-caption");
        Label counts = new Label(card.countsText());
        counts.getStyleClass().add("card-counts");
        Label latency = new Label(card.latencyText());
        latency.getStyleClass().add("card-caption");
        Label tokens = new Label(card.usageText());
        tokens.getStyleClass().add("card-caption");
        VBox box = new VBox(3, top, model, headline, bar, interval, counts, latency, tokens);
        if (!card.judgeText().isEmpty()) {
            Label judge = new Label(card.judgeText());
            judge.getStyleClass().add("card-judge");
            judge.setWrapText(true);
            judge.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(judge);
        }
        box.getStyleClass().addAll("summary-card", "compare-card");
        box.pseudoClassStateChanged(ROLE_A, card.role().equals("A"));
        box.pseudoClassStateChanged(ROLE_B, card.role().equals("B"));
        Tooltip.install(box, new Tooltip("Click to compare " + card.variant() + " · " + card.model()));
        box.setOnMouseClicked(event -> viewModel.pickCard(card.index()));
        return box;
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
        for (String line : viewModel.attempts()) {
            Label label = new Label(line);
            label.getStyleClass().add("attempt-line");
            label.setWrapText(true);
            attemptsBox.getChildren().add(label);
        }
        attemptsBox.setVisible(!viewModel.attempts().isEmpty());
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

    /** A verdict pill with the flags as small marks. */
    private static final class VerdictCell extends TableCell<MatrixRow, MatrixCell> {
        private final Label pill = new Label();
        private final Label marks = new Label();
        private final HBox box = new HBox(4, pill, marks);

        VerdictCell() {
            marks.getStyleClass().add("flag-marks");
            box.setFillHeight(false);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(MatrixCell cell, boolean empty) {
            super.updateItem(cell, empty);
            if (empty || cell == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            pill.setText(cell.passed() || cell.category().isBlank() || cell.verdict() == VerdictKind.ERROR ? cell.text()
                    : cell.text() + " · " + cell.category().toLowerCase(java.util.Locale.ROOT));
            pill.getStyleClass().setAll("label", "verdict-pill",
                    cell.verdict() == null ? "verdict-none" : cell.verdict().styleClass());
            marks.setText(cell.marks());
            setGraphic(box);
            setTooltip(new Tooltip(cell.text() + (cell.category().isBlank() ? "" : " · " + cell.category())
                    + (cell.flags().isEmpty() ? "" : "\nflags: " + String.join(", ", cell.flags()))
                    + (cell.judge().isEmpty() ? "" : "\nLLM judge: " + cell.judge()
                            + (cell.judgeDisagrees() ? " (disagrees with execution)" : ""))));
        }
    }
}
