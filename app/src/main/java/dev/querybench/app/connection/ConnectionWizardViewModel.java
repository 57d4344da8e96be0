package dev.querybench.app.connection;

import static dev.querybench.app.connection.WizardWork.blank;
import static dev.querybench.app.connection.WizardWork.emptyToNull;
import static dev.querybench.app.connection.WizardWork.name;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.JudgeConfig;
import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.model.ModelProvider;
import dev.querybench.engine.model.ModelProviders;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.ConnectionChecklist;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection wizard: a page for the database, one for model providers (primary first) and
 * one for Langfuse, each with a checklist whose lines turn green or red with the remedy under a
 * red one, then a page that saves everything as a profile in {@code querybench.yaml}, edited in
 * place: the order of the models becomes the default model and its fallbacks, and the judge can be
 * picked. Keys are only ever named: an environment variable, or an OS keyring entry the wizard can
 * store a typed key in (then cleared); the wizard never shows a secret or writes one to a file.
 * Checks, keyring writes and the save run on the {@link TaskRunner}.
 */
public final class ConnectionWizardViewModel {

    /** The model providers the wizard offers: every registered one, in registration order. */
    public static final List<String> PROVIDERS = ModelProviders.all().stream().map(ModelProvider::id).toList();

    private final Workspace workspace;
    private final ConnectionChecklist checklist;
    private final WizardWork work;
    private final KeyringEntries keyring;
    private final DatabaseForm database;
    private final ReaderForm reader;
    private final LangfuseForm langfuse;

    private final ObjectProperty<WizardPage> page = new SimpleObjectProperty<>(this, "page", WizardPage.DATABASE);
    private final ObservableList<CheckLine> dbChecks = FXCollections.observableArrayList();

    private final StringProperty modelName = new SimpleStringProperty(this, "modelName", "");
    private final StringProperty provider = new SimpleStringProperty(this, "provider", PROVIDERS.getFirst());
    private final StringProperty modelId = new SimpleStringProperty(this, "modelId", "");
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final StringProperty keyEnv = new SimpleStringProperty(this, "keyEnv", ModelProfile.keyVariable(PROVIDERS.getFirst()));
    /** True to keep the key in the OS keyring under {@link #keyEnv}'s name instead of an environment variable. */
    private final BooleanProperty keyInKeyring = new SimpleBooleanProperty(this, "keyInKeyring");
    /** A key typed to be stored in the keyring; cleared once stored, never written to a file. */
    private final StringProperty keySecret = new SimpleStringProperty(this, "keySecret", "");
    private final ObservableList<String> judgeChoices = FXCollections.observableArrayList();
    /** The judge to save: "" for none; starts as the workspace's. */
    private final StringProperty judgeModel = new SimpleStringProperty(this, "judgeModel", "");
    private final ObservableList<CheckLine> modelChecks = FXCollections.observableArrayList();
    private final ObservableList<ModelProfile> models = FXCollections.observableArrayList();
    /** The workspace's own profiles, so saving keeps their settings (temperature, limits) when unchanged. */
    private final java.util.Map<ModelProfile, ModelConfig> originals = new java.util.HashMap<>();
    private final ObjectProperty<ModelProfile> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");

    private final ObservableList<CheckLine> langfuseChecks = FXCollections.observableArrayList();

    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper(this, "savedText", "");
    private final ReadOnlyObjectWrapper<Workspace> saved = new ReadOnlyObjectWrapper<>(this, "saved");

    /** A wizard that finds no secrets and cannot store any in the keyring (tests of the other pages). */
    public ConnectionWizardViewModel(Workspace workspace, ConnectionChecklist checklist, TaskRunner tasks) {
        this(workspace, checklist, tasks, SecretResolver.none());
    }

    /** @param secrets where profiles' secrets are read from, and its keyring where typed ones are stored */
    public ConnectionWizardViewModel(Workspace workspace, ConnectionChecklist checklist, TaskRunner tasks,
            SecretResolver secrets) {
        this.workspace = workspace;
        this.checklist = checklist;
        this.work = new WizardWork(tasks);
        this.keyring = new KeyringEntries(secrets.keyring(), work);
        this.database = new DatabaseForm(workspace);
        this.reader = new ReaderForm(workspace, database, secrets, work, this::checkDatabase);
        this.langfuse = new LangfuseForm(workspace.config().langfuse());
        for (ModelConfig existing : workspace.config().models()) {
            ModelProfile listed = ModelProfile.of(existing);
            originals.put(listed, existing);
            models.add(listed);
        }
        JudgeConfig judge = workspace.config().judge();
        judgeModel.set(judge != null && judge.enabledOrDefault() && judge.model() != null ? judge.model() : "");
        refreshJudgeChoices();
        models.addListener((javafx.collections.ListChangeListener<ModelProfile>) change -> refreshJudgeChoices());
        provider.addListener((obs, was, is) -> keyEnv.set(ModelProfile.keyVariable(is)));
        summary.bind(Bindings.createStringBinding(() -> CheckLine.summary(database, models, judgeModel.get(),
                langfuse), database.nameProperty(), database.typeProperty(),
                models, langfuse.enabledProperty(), langfuse.hostProperty(), judgeModel));
    }

    // ---- navigation

    public void next() {
        if (page.get().ordinal() < WizardPage.values().length - 1) {
            page.set(WizardPage.values()[page.get().ordinal() + 1]);
        }
    }

    public void back() {
        if (page.get().ordinal() > 0) {
            page.set(WizardPage.values()[page.get().ordinal() - 1]);
        }
    }

    // ---- intents

    public void checkDatabase() {
        DatabaseConfig db;
        try {
            db = database.config();
        } catch (IllegalArgumentException e) {
            dbChecks.setAll(new CheckLine("Profile", CheckLine.State.FAIL, e.getMessage(), "fix the field and check again"));
            return;
        }
        run(dbChecks, () -> checklist.database(db, workspace));
    }

    /** Checks the model described by the fields. */
    public void checkModel() {
        ModelConfig model;
        try {
            model = modelConfig();
        } catch (IllegalArgumentException e) {
            modelChecks.setAll(new CheckLine("Model", CheckLine.State.FAIL, e.getMessage(), "fix the field and check again"));
            return;
        }
        run(modelChecks, () -> checklist.model(model));
    }

    /** Adds the model described by the fields to the list (replacing one of the same name). */
    public void addModel() {
        try {
            ModelProfile model = ModelProfile.of(modelConfig());
            models.removeIf(m -> m.name().equals(model.name()));
            models.add(model);
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
        }
    }

    /** Moves the selected model one place towards primary. */
    public void moveUp() {
        move(-1);
    }

    public void moveDown() {
        move(1);
    }

    public void removeModel() {
        if (selectedModel.get() != null) {
            models.remove(selectedModel.get());
        }
    }

    /** Fills the fields from a listed model, to check or change it. */
    public void editModel(ModelProfile model) {
        if (model == null) {
            return;
        }
        ModelSpec spec = model.parsedSpec(PROVIDERS.getFirst());
        modelName.set(model.name());
        provider.set(spec.provider());
        modelId.set(spec.model());
        baseUrl.set(model.baseUrl() == null ? "" : model.baseUrl());
        keyEnv.set(model.keyEnv() == null ? "" : model.keyEnv());
        keyInKeyring.set(model.keyring());
    }

    /** Stores the typed key in the OS keyring under the key's name; the wizard then writes {keyring: NAME}. */
    public void storeModelKey() {
        keyring.store(keyEnv.get(), keySecret, keyInKeyring);
    }

    /** Stores the typed database password in the OS keyring under the password's name. */
    public void storeDbPassword() {
        keyring.store(database.passwordNameProperty().get(), database.passwordSecretProperty(),
                database.passwordInKeyringProperty());
    }

    private void refreshJudgeChoices() {
        List<String> names = new ArrayList<>();
        names.add("");
        models.forEach(m -> names.add(m.name()));
        if (!names.contains(judgeModel.get())) {
            names.add(judgeModel.get());
        }
        judgeChoices.setAll(names);
    }

    public void checkLangfuse() {
        if (!langfuse.enabledProperty().get()) {
            langfuseChecks.setAll(new CheckLine("Langfuse", CheckLine.State.WARN, "not used; runs are not traced",
                    "tick \"Trace runs in Langfuse\" to set it up"));
            return;
        }
        LangfuseConfig config;
        try {
            config = langfuse.config();
        } catch (IllegalArgumentException e) {
            langfuseChecks.setAll(new CheckLine("Langfuse", CheckLine.State.FAIL, e.getMessage(), "fix the field"));
            return;
        }
        run(langfuseChecks, () -> checklist.langfuse(config, workspace));
    }

    /** Writes the database, the models (primary first) and Langfuse into the workspace's file. */
    public void save() {
        WorkspaceProfileWriter.Profile profile;
        try {
            profile = new WorkspaceProfileWriter.Profile(database.config(),
                    models.stream().map(m -> originals.getOrDefault(m, m.toConfig())).toList(),
                    langfuse.enabledProperty().get() ? langfuse.config() : null, true, judgeModel.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        problem.set("");
        work.submit(() -> new WorkspaceProfileWriter().save(workspace.root(), profile), written -> {
            saved.set(written);
            savedText.set("Saved to " + written.root().resolve(Workspace.CONFIG_FILE) + ": database profile '"
                    + profile.database().nameOrDefault() + "', " + Wording.plural(profile.models().size(),
                            "model profile") + (profile.models().isEmpty() ? "" : " (default " + profile.models()
                            .getFirst().name() + ")") + (profile.langfuse() == null ? "" : ", Langfuse")
                    + ". Keys stay where they are named (environment or keyring). The workbench uses them now.");
        }, problem::set);
    }

    // ---- work

    private void run(ObservableList<CheckLine> target, Callable<List<CheckResult>> checks) {
        target.setAll(new CheckLine("Checking", CheckLine.State.WARN, "…", ""));
        work.submit(checks, results -> target.setAll(results.stream().map(CheckLine::of).toList()),
                failure -> target.setAll(new CheckLine("Check", CheckLine.State.FAIL, failure, "try again")));
    }

    ModelConfig modelConfig() {
        if (blank(modelId.get())) {
            throw new IllegalArgumentException("name the model, such as gpt-4o-mini");
        }
        String spec = provider.get() + ":" + modelId.get().strip();
        SecretRef key = blank(keyEnv.get()) ? null : keyInKeyring.get() ? SecretRef.keyring(keyEnv.get().strip())
                : SecretRef.env(keyEnv.get().strip());
        return new ModelConfig(name(modelName.get(), modelId.get().strip()), spec, emptyToNull(baseUrl.get()), key,
                null, null, null);
    }

    private void move(int by) {
        ModelProfile m = selectedModel.get();
        int i = models.indexOf(m);
        int j = i + by;
        if (i < 0 || j < 0 || j >= models.size()) {
            return;
        }
        models.remove(i);
        models.add(j, m);
        selectedModel.set(m);
    }

    // ---- properties

    public ObjectProperty<WizardPage> pageProperty() {
        return page;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** The database page's fields. */
    public DatabaseForm database() {
        return database;
    }

    /** The database page's reader account. */
    public ReaderForm reader() {
        return reader;
    }

    /** The Langfuse page's fields. */
    public LangfuseForm langfuse() {
        return langfuse;
    }

    public ObservableList<CheckLine> dbChecks() {
        return dbChecks;
    }

    public StringProperty modelNameProperty() {
        return modelName;
    }

    public StringProperty providerProperty() {
        return provider;
    }

    public StringProperty modelIdProperty() {
        return modelId;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    /** The name of the environment variable holding the API key; never the key. */
    public StringProperty keyEnvProperty() {
        return keyEnv;
    }

    public BooleanProperty keyInKeyringProperty() {
        return keyInKeyring;
    }

    /** The key typed to store in the keyring; cleared once stored. */
    public StringProperty keySecretProperty() {
        return keySecret;
    }

    /** What the last keyring action did, or why it could not (no keyring service, with the fix). */
    public ReadOnlyStringProperty keyringTextProperty() {
        return keyring.textProperty();
    }

    /** "" (no judge) and the model profiles, for the judge picker. */
    public ObservableList<String> judgeChoices() {
        return judgeChoices;
    }

    public StringProperty judgeModelProperty() {
        return judgeModel;
    }

    public ObservableList<CheckLine> modelChecks() {
        return modelChecks;
    }

    /** Model profiles, primary first. */
    public ObservableList<ModelProfile> models() {
        return models;
    }

    public ObjectProperty<ModelProfile> selectedModelProperty() {
        return selectedModel;
    }

    public ObservableList<CheckLine> langfuseChecks() {
        return langfuseChecks;
    }

    /** What saving would write, one line per part. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty savedTextProperty() {
        return savedText.getReadOnlyProperty();
    }

    /** The workspace as loaded from the saved file, once saved. */
    public ReadOnlyObjectProperty<Workspace> savedProperty() {
        return saved.getReadOnlyProperty();
    }
}
