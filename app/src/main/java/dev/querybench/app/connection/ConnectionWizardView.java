package dev.querybench.app.connection;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The connection wizard's FXML controller. */
public final class ConnectionWizardView {

    private final ConnectionWizardViewModel viewModel;

    @FXML private HBox steps;
    @FXML private VBox databasePage;
    @FXML private VBox modelsPage;
    @FXML private VBox langfusePage;
    @FXML private VBox savePage;
    @FXML private TextField dbName;
    @FXML private ComboBox<String> dbType;
    @FXML private Label dbPathLabel;
    @FXML private TextField dbPath;
    @FXML private Label dbUrlLabel;
    @FXML private TextField dbUrl;
    @FXML private Label dbServerLabel;
    @FXML private HBox dbServerFields;
    @FXML private TextField dbHost;
    @FXML private TextField dbPort;
    @FXML private TextField dbDatabase;
    @FXML private TextField dbSchema;
    @FXML private Label dbUserLabel;
    @FXML private HBox dbUserFields;
    @FXML private TextField dbUser;
    @FXML private TextField dbPasswordEnv;
    @FXML private VBox dbChecks;
    @FXML private VBox readerSection;
    @FXML private TextField readerName;
    @FXML private TextField readerPasswordName;
    @FXML private CheckBox readerPasswordInKeyring;
    @FXML private PasswordField readerPasswordSecret;
    @FXML private Button createReaderButton;
    @FXML private Label readerStatus;
    @FXML private TextArea readerSql;
    @FXML private ComboBox<String> provider;
    @FXML private TextField modelId;
    @FXML private TextField modelName;
    @FXML private TextField baseUrl;
    @FXML private TextField keyEnv;
    @FXML private VBox modelChecks;
    @FXML private ListView<ModelProfile> modelList;
    @FXML private CheckBox langfuseEnabled;
    @FXML private GridPane langfuseFields;
    @FXML private TextField langfuseHost;
    @FXML private TextField langfusePublicEnv;
    @FXML private TextField langfuseSecretEnv;
    @FXML private VBox langfuseChecks;
    @FXML private CheckBox dbPasswordInKeyring;
    @FXML private PasswordField dbPasswordSecret;
    @FXML private Label dbSecretLabel;
    @FXML private HBox dbSecretFields;
    @FXML private CheckBox keyInKeyring;
    @FXML private PasswordField keySecret;
    @FXML private Label keyringLabel;
    @FXML private ComboBox<String> judgeModel;
    @FXML private Label summaryLabel;
    @FXML private Button saveButton;
    @FXML private Label savedLabel;
    @FXML private Label problemLabel;
    @FXML private ProgressIndicator busy;
    @FXML private Button backButton;
    @FXML private Button nextButton;

    public ConnectionWizardView(ConnectionWizardViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        bindDatabasePage();
        bindModelsPage();
        bindLangfusePage();
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        savedLabel.textProperty().bind(viewModel.savedTextProperty());
        saveButton.disableProperty().bind(viewModel.busyProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        busy.visibleProperty().bind(viewModel.busyProperty());

        showPage(viewModel.pageProperty().get());
        viewModel.pageProperty().addListener((obs, was, is) -> showPage(is));
    }

    private void bindDatabasePage() {
        bindDatabase(viewModel.database());
        checklist(dbChecks, viewModel.dbChecks());
        bindReader(viewModel.reader(), viewModel.database());
    }

    private void bindModelsPage() {
        provider.getItems().setAll(ConnectionWizardViewModel.PROVIDERS);
        provider.valueProperty().bindBidirectional(viewModel.providerProperty());
        modelId.textProperty().bindBidirectional(viewModel.modelIdProperty());
        modelName.textProperty().bindBidirectional(viewModel.modelNameProperty());
        baseUrl.textProperty().bindBidirectional(viewModel.baseUrlProperty());
        keyEnv.textProperty().bindBidirectional(viewModel.keyEnvProperty());
        keyInKeyring.selectedProperty().bindBidirectional(viewModel.keyInKeyringProperty());
        keySecret.textProperty().bindBidirectional(viewModel.keySecretProperty());
        keyringLabel.textProperty().bind(viewModel.keyringTextProperty());
        keyringLabel.visibleProperty().bind(viewModel.keyringTextProperty().isNotEmpty());
        keyringLabel.managedProperty().bind(keyringLabel.visibleProperty());
        judgeModel.setItems(viewModel.judgeChoices());
        judgeModel.valueProperty().bindBidirectional(viewModel.judgeModelProperty());
        judgeModel.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null || name.isEmpty() ? "none" : name;
            }

            @Override
            public String fromString(String text) {
                return "none".equals(text) ? "" : text;
            }
        });
        checklist(modelChecks, viewModel.modelChecks());
        modelList.setItems(viewModel.models());
        modelList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ModelProfile m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : m.describe(getIndex()));
            }
        });
        modelList.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> {
            viewModel.selectedModelProperty().set(is);
            viewModel.editModel(is);
        });
    }

    private void bindLangfusePage() {
        LangfuseForm langfuse = viewModel.langfuse();
        langfuseEnabled.selectedProperty().bindBidirectional(langfuse.enabledProperty());
        langfuseFields.disableProperty().bind(langfuse.enabledProperty().not());
        langfuseHost.textProperty().bindBidirectional(langfuse.hostProperty());
        langfusePublicEnv.textProperty().bindBidirectional(langfuse.publicEnvProperty());
        langfuseSecretEnv.textProperty().bindBidirectional(langfuse.secretEnvProperty());
        checklist(langfuseChecks, viewModel.langfuseChecks());
    }

    private void bindDatabase(DatabaseForm db) {
        dbName.textProperty().bindBidirectional(db.nameProperty());
        dbType.getItems().setAll(DatabaseForm.TYPES);
        dbType.valueProperty().bindBidirectional(db.typeProperty());
        dbPath.textProperty().bindBidirectional(db.pathProperty());
        dbUrl.textProperty().bindBidirectional(db.urlProperty());
        dbHost.textProperty().bindBidirectional(db.hostProperty());
        dbPort.textProperty().bindBidirectional(db.portProperty());
        dbDatabase.textProperty().bindBidirectional(db.databaseProperty());
        dbSchema.textProperty().bindBidirectional(db.schemaProperty());
        dbUser.textProperty().bindBidirectional(db.userProperty());
        dbPasswordEnv.textProperty().bindBidirectional(db.passwordNameProperty());
        dbPasswordInKeyring.selectedProperty().bindBidirectional(db.passwordInKeyringProperty());
        dbPasswordSecret.textProperty().bindBidirectional(db.passwordSecretProperty());
        for (Node n : new Node[] {dbPathLabel, dbPath}) {
            n.visibleProperty().bind(db.sqliteProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        for (Node n : new Node[] {dbUrlLabel, dbUrl, dbServerLabel, dbServerFields, dbUserLabel, dbUserFields,
            dbSecretLabel, dbSecretFields}) {
            n.visibleProperty().bind(db.sqliteProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private void bindReader(ReaderForm reader, DatabaseForm db) {
        readerSection.visibleProperty().bind(reader.availableProperty());
        readerSection.managedProperty().bind(readerSection.visibleProperty());
        readerName.textProperty().bindBidirectional(reader.nameProperty());
        readerPasswordName.textProperty().bindBidirectional(reader.passwordNameProperty());
        readerPasswordInKeyring.selectedProperty().bindBidirectional(reader.passwordInKeyringProperty());
        readerPasswordSecret.textProperty().bindBidirectional(reader.passwordSecretProperty());
        createReaderButton.disableProperty().bind(viewModel.busyProperty().or(reader.creatableProperty().not()));
        readerStatus.textProperty().bind(reader.statusProperty());
        readerStatus.visibleProperty().bind(reader.statusProperty().isNotEmpty());
        readerStatus.managedProperty().bind(readerStatus.visibleProperty());
        reader.failedProperty().addListener((obs, was, is) -> readerStatus.getStyleClass()
                .setAll(is ? "line-remedy" : "saved-text"));
        readerSql.textProperty().bind(reader.sqlProperty());
        readerSql.visibleProperty().bind(reader.sqlProperty().isNotEmpty());
        readerSql.managedProperty().bind(readerSql.visibleProperty());
    }

    private void showPage(WizardPage page) {
        databasePage.setVisible(page == WizardPage.DATABASE);
        modelsPage.setVisible(page == WizardPage.MODELS);
        langfusePage.setVisible(page == WizardPage.LANGFUSE);
        savePage.setVisible(page == WizardPage.SAVE);
        backButton.setDisable(page.ordinal() == 0);
        nextButton.setDisable(page == WizardPage.SAVE);
        steps.getChildren().clear();
        for (WizardPage p : WizardPage.values()) {
            Label number = new Label(Integer.toString(p.ordinal() + 1));
            number.getStyleClass().add("step-number");
            Label title = new Label(p.title());
            title.getStyleClass().add("step-title");
            Label subtitle = new Label(p.subtitle());
            subtitle.getStyleClass().add("step-subtitle");
            HBox step = new HBox(8, number, new VBox(0, title, subtitle));
            step.getStyleClass().addAll("wizard-step", p == page ? "step-current" : "step-other");
            step.setOnMouseClicked(e -> viewModel.pageProperty().set(p));
            HBox.setHgrow(step, Priority.ALWAYS);
            step.setMaxWidth(Double.MAX_VALUE);
            steps.getChildren().add(step);
        }
    }

    private static void checklist(VBox box, ObservableList<CheckLine> lines) {
        lines.addListener((ListChangeListener<CheckLine>) change -> render(box, lines));
        render(box, lines);
    }

    private static void render(VBox box, ObservableList<CheckLine> lines) {
        box.getChildren().clear();
        for (CheckLine line : lines) {
            Label mark = new Label(switch (line.state()) {
                case OK -> "✓";
                case WARN -> "!";
                case FAIL -> "✕";
            });
            mark.getStyleClass().addAll("check-mark", line.state().styleClass());
            mark.setMinWidth(Region.USE_PREF_SIZE);
            Label name = new Label(line.name());
            name.getStyleClass().add("line-title");
            name.setMinWidth(150);
            Label detail = new Label(line.detail());
            detail.getStyleClass().add("line-detail");
            detail.setWrapText(true);
            detail.setMinHeight(Region.USE_PREF_SIZE);
            VBox text = new VBox(2, detail);
            if (!line.remedy().isBlank()) {
                Label remedy = new Label("→ " + line.remedy());
                remedy.getStyleClass().add("line-remedy");
                remedy.setWrapText(true);
                remedy.setMinHeight(Region.USE_PREF_SIZE);
                text.getChildren().add(remedy);
            }
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(10, mark, name, text);
            row.getStyleClass().addAll("check-line", line.state().styleClass());
            box.getChildren().add(row);
        }
    }

    @FXML
    private void onCheckDatabase() {
        viewModel.checkDatabase();
    }

    @FXML
    private void onCreateReader() {
        viewModel.reader().create();
    }

    @FXML
    private void onShowReaderSql() {
        viewModel.reader().showSql();
    }

    @FXML
    private void onStoreModelKey() {
        viewModel.storeModelKey();
    }

    @FXML
    private void onStoreDbPassword() {
        viewModel.storeDbPassword();
    }

    @FXML
    private void onCheckModel() {
        viewModel.checkModel();
    }

    @FXML
    private void onAddModel() {
        viewModel.addModel();
    }

    @FXML
    private void onUp() {
        viewModel.moveUp();
    }

    @FXML
    private void onDown() {
        viewModel.moveDown();
    }

    @FXML
    private void onRemove() {
        viewModel.removeModel();
    }

    @FXML
    private void onCheckLangfuse() {
        viewModel.checkLangfuse();
    }

    @FXML
    private void onSave() {
        viewModel.save();
    }

    @FXML
    private void onBack() {
        viewModel.back();
    }

    @FXML
    private void onNext() {
        viewModel.next();
    }
}
