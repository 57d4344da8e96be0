package dev.querybench.app.dataset;

import dev.querybench.app.widgets.CodeView;
import dev.querybench.app.widgets.ResultGrid;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The dataset browser's FXML controller. */
public final class DatasetView {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final DatasetViewModel viewModel;
    /** The test suite's settings fields by what they set, for marking those not valid. */
    private Map<TestSuiteSettings.Field, TextField> suiteFields = Map.of();

    @FXML private Label titleLabel;
    @FXML private Label descriptionLabel;
    @FXML private ProgressBar checkProgress;
    @FXML private Label checkSummary;
    @FXML private Button checkButton;
    @FXML private Label summaryLabel;
    @FXML private CheckBox problemsOnly;
    @FXML private ComboBox<String> difficultyBox;
    @FXML private ComboBox<String> tagBox;
    @FXML private TextField searchField;
    @FXML private TableView<DatasetRow> table;
    @FXML private TableColumn<DatasetRow, String> idColumn;
    @FXML private TableColumn<DatasetRow, String> questionColumn;
    @FXML private TableColumn<DatasetRow, String> difficultyColumn;
    @FXML private TableColumn<DatasetRow, String> tagsColumn;
    @FXML private TableColumn<DatasetRow, DatasetRow> checkColumn;
    @FXML private Label emptyDetail;
    @FXML private VBox detail;
    @FXML private Label detailTitle;
    @FXML private Label detailText;
    @FXML private Label detailMeta;
    @FXML private CodeView goldSql;
    @FXML private Label rowsSummary;
    @FXML private ResultGrid goldRows;
    @FXML private ProgressBar suiteProgress;
    @FXML private Label suiteStatus;
    @FXML private Button suiteCancel;
    @FXML private StackPane suiteButtonHolder;
    @FXML private Button suiteButton;
    @FXML private Label suiteWritten;
    @FXML private HBox suiteAdminRow;
    @FXML private HBox suiteSettingsRow;
    @FXML private TextField suiteSeed;
    @FXML private TextField suiteCandidates;
    @FXML private TextField suiteInstances;
    @FXML private TextField suiteBudget;
    @FXML private Label suiteSettingsProblem;
    @FXML private TextField suiteAdminUser;
    @FXML private TextField suiteAdminPassword;
    @FXML private CheckBox suiteAdminKeyring;
    @FXML private Label suiteAdminHint;
    @FXML private TableView<TestSuiteRow> suiteTable;
    @FXML private TableColumn<TestSuiteRow, String> suiteQuestionColumn;
    @FXML private TableColumn<TestSuiteRow, String> suiteCaughtColumn;
    @FXML private TableColumn<TestSuiteRow, TestSuiteRow> suiteSurvivorsColumn;

    public DatasetView(DatasetViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        titleLabel.setText("Dataset " + viewModel.title());
        descriptionLabel.setText(viewModel.description());
        descriptionLabel.setTooltip(new Tooltip(viewModel.description()));
        checkProgress.progressProperty().bind(viewModel.checkProgressProperty());
        checkProgress.visibleProperty().bind(viewModel.checkingProperty());
        checkProgress.managedProperty().bind(viewModel.checkingProperty());
        checkSummary.textProperty().bind(viewModel.checkSummaryProperty());
        checkSummary.pseudoClassStateChanged(ERROR, viewModel.checkFailedProperty().get());
        viewModel.checkFailedProperty().addListener(
                (obs, was, is) -> checkSummary.pseudoClassStateChanged(ERROR, is));
        checkButton.disableProperty().bind(viewModel.checkingProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        problemsOnly.selectedProperty().bindBidirectional(viewModel.problemsOnlyProperty());
        difficultyBox.getItems().setAll(viewModel.difficulties());
        difficultyBox.valueProperty().bindBidirectional(viewModel.difficultyProperty());
        tagBox.getItems().setAll(viewModel.tags());
        tagBox.valueProperty().bindBidirectional(viewModel.tagProperty());
        searchField.textProperty().bindBidirectional(viewModel.searchTextProperty());

        table.setItems(viewModel.visibleRows());
        column(idColumn, DatasetRow::id);
        column(questionColumn, DatasetRow::question);
        column(difficultyColumn, DatasetRow::difficulty);
        column(tagsColumn, DatasetRow::tagsText);
        checkColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        checkColumn.setCellFactory(c -> new CheckCell());
        Label empty = new Label("No question matches the search and filters.");
        empty.getStyleClass().add("placeholder");
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> {
            if (is != null || was == null || !viewModel.visibleRows().contains(was)) {
                viewModel.selectedProperty().set(is);
            }
        });

        detail.visibleProperty().bind(viewModel.selectedProperty().isNotNull());
        detail.managedProperty().bind(detail.visibleProperty());
        emptyDetail.visibleProperty().bind(viewModel.selectedProperty().isNull());
        emptyDetail.managedProperty().bind(emptyDetail.visibleProperty());
        detailTitle.textProperty().bind(viewModel.detailTitleProperty());
        detailText.textProperty().bind(viewModel.detailTextProperty());
        detailMeta.textProperty().bind(viewModel.detailMetaProperty());
        goldSql.setEditable(false);
        viewModel.goldHighlightsProperty().addListener((obs, was, is) -> goldSql.show(viewModel.goldSqlProperty().get(), is));
        viewModel.goldRowsProperty().addListener((obs, was, is) -> {
            goldRows.show(is);
            rowsSummary.setText(is.summary());
        });
        bindTestSuite(viewModel.testSuite());
    }

    private void bindTestSuite(TestSuiteViewModel suite) {
        suiteProgress.progressProperty().bind(suite.progressProperty());
        suiteProgress.visibleProperty().bind(suite.runningProperty());
        suiteProgress.managedProperty().bind(suite.runningProperty());
        suiteCancel.visibleProperty().bind(suite.runningProperty());
        suiteCancel.managedProperty().bind(suite.runningProperty());
        suiteStatus.textProperty().bind(suite.statusProperty());
        suiteStatus.pseudoClassStateChanged(ERROR, suite.failedProperty().get());
        suite.failedProperty().addListener(
                (obs, was, is) -> suiteStatus.pseudoClassStateChanged(ERROR, is));
        suiteButton.disableProperty().bind(suite.runningProperty().or(suite.availableProperty().not()));
        Tooltip why = new Tooltip();
        why.textProperty().bind(suite.availabilityProperty());
        suiteButton.setTooltip(why);
        Tooltip.install(suiteButtonHolder, why);
        TestSuiteSettings settings = suite.settings();
        suiteSeed.textProperty().bindBidirectional(settings.seedProperty());
        suiteCandidates.textProperty().bindBidirectional(settings.candidatesProperty());
        suiteInstances.textProperty().bindBidirectional(settings.instancesProperty());
        suiteBudget.textProperty().bindBidirectional(settings.budgetProperty());
        suiteSettingsProblem.textProperty().bind(settings.problemProperty());
        suiteSettingsProblem.pseudoClassStateChanged(ERROR, true);
        suiteFields = Map.of(TestSuiteSettings.Field.SEED, suiteSeed, TestSuiteSettings.Field.CANDIDATES,
                suiteCandidates, TestSuiteSettings.Field.INSTANCES, suiteInstances, TestSuiteSettings.Field.BUDGET,
                suiteBudget);
        markInvalid(settings.invalidProperty().get());
        settings.invalidProperty().addListener((obs, was, is) -> markInvalid(is));
        suiteSettingsRow.disableProperty().bind(suite.runningProperty());
        suiteAdminRow.visibleProperty().bind(suite.needsAdminProperty());
        suiteAdminRow.managedProperty().bind(suite.needsAdminProperty());
        suiteAdminUser.textProperty().bindBidirectional(suite.adminUserProperty());
        suiteAdminPassword.textProperty().bindBidirectional(suite.adminPasswordNameProperty());
        suiteAdminKeyring.selectedProperty().bindBidirectional(suite.adminPasswordInKeyringProperty());
        suiteAdminPassword.promptTextProperty().bind(Bindings.when(suite.adminPasswordInKeyringProperty())
                .then("OS keyring entry (or none)").otherwise("environment variable (or none)"));
        suiteAdminHint.textProperty().bind(suite.adminHintProperty());
        suiteAdminRow.disableProperty().bind(suite.runningProperty());
        suiteWritten.textProperty().bind(suite.writtenProperty());
        suiteWritten.visibleProperty().bind(suite.writtenProperty().isNotEmpty());
        suiteWritten.managedProperty().bind(suiteWritten.visibleProperty());
        suiteTable.setItems(suite.rows());
        suiteTable.visibleProperty().bind(Bindings.isNotEmpty(suite.rows()));
        suiteTable.managedProperty().bind(suiteTable.visibleProperty());
        suiteQuestionColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().questionId()));
        suiteCaughtColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().caughtText()));
        suiteSurvivorsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        suiteSurvivorsColumn.setCellFactory(c -> new SurvivorsCell());
    }

    /** Puts the keyboard in the search field. */
    public void focusSearch() {
        searchField.requestFocus();
    }

    @FXML
    private void onCheck() {
        viewModel.checkGold();
    }

    /** Marks the settings fields the problem beside them is about (a red border), and unmarks the others. */
    private void markInvalid(Set<TestSuiteSettings.Field> invalid) {
        suiteFields.forEach((field, text) -> text.pseudoClassStateChanged(ERROR, invalid.contains(field)));
    }

    @FXML
    private void onGenerateSuite() {
        viewModel.testSuite().generate();
    }

    @FXML
    private void onCancelSuite() {
        viewModel.testSuite().cancel();
    }

    private static void column(TableColumn<DatasetRow, String> column, Function<DatasetRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    /** The first surviving neighbour and how many more; all of them in the tooltip. */
    private static final class SurvivorsCell extends TableCell<TestSuiteRow, TestSuiteRow> {
        @Override
        protected void updateItem(TestSuiteRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            int more = row.survivors().size() - 1;
            setText(row.survivors().isEmpty() ? "none" : row.survivors().getFirst()
                    + (more > 0 ? "   (+" + more + " more)" : ""));
            setTooltip(row.survivors().isEmpty() ? null : new Tooltip(row.survivorsText()));
        }
    }

    /** The gold check as a coloured pill with the detail beside it. */
    private static final class CheckCell extends TableCell<DatasetRow, DatasetRow> {
        private final Label pill = new Label();

        @Override
        protected void updateItem(DatasetRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            pill.setText(row.check().label());
            pill.getStyleClass().setAll("label", "verdict-pill", row.check().styleClass());
            setGraphic(pill);
            setText(row.checkText().equals(row.check().label()) ? "" : row.checkText());
            setTooltip(new Tooltip(row.checkText()));
        }
    }
}
