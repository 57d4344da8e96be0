package dev.querybench.app.connection;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.JudgeConfig;
import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.secrets.OsKeyring;
import dev.querybench.engine.secrets.SecretStore;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.ConnectionChecklist;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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

    /** The database types the wizard offers. */
    public static final List<String> DATABASE_TYPES = List.of("sqlite", "postgresql", "mysql", "trino");
    /** The model providers the wizard offers. */
    public static final List<String> PROVIDERS = List.of("openai", "anthropic", "gemini", "ollama");

    private final Workspace workspace;
    private final ConnectionChecklist checklist;
    private final TaskRunner tasks;
    private final SecretStore keyring;

    private final ObjectProperty<WizardPage> page = new SimpleObjectProperty<>(this, "page", WizardPage.DATABASE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private final StringProperty dbName = new SimpleStringProperty(this, "dbName", "");
    private final StringProperty dbType = new SimpleStringProperty(this, "dbType", "sqlite");
    private final StringProperty dbPath = new SimpleStringProperty(this, "dbPath", "");
    private final StringProperty dbUrl = new SimpleStringProperty(this, "dbUrl", "");
    private final StringProperty dbHost = new SimpleStringProperty(this, "dbHost", "");
    private final StringProperty dbPort = new SimpleStringProperty(this, "dbPort", "");
    private final StringProperty dbDatabase = new SimpleStringProperty(this, "dbDatabase", "");
    private final StringProperty dbSchema = new SimpleStringProperty(this, "dbSchema", "");
    private final StringProperty dbUser = new SimpleStringProperty(this, "dbUser", "");
    private final StringProperty dbPasswordEnv = new SimpleStringProperty(this, "dbPasswordEnv", "");
    private final ObservableList<CheckLine> dbChecks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper sqlite = new ReadOnlyBooleanWrapper(this, "sqlite");

    private final StringProperty modelName = new SimpleStringProperty(this, "modelName", "");
    private final StringProperty provider = new SimpleStringProperty(this, "provider", "openai");
    private final StringProperty modelId = new SimpleStringProperty(this, "modelId", "");
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final StringProperty keyEnv = new SimpleStringProperty(this, "keyEnv", "OPENAI_API_KEY");
    /** True to keep the key in the OS keyring under {@link #keyEnv}'s name instead of an environment variable. */
    private final BooleanProperty keyInKeyring = new SimpleBooleanProperty(this, "keyInKeyring");
    /** A key typed to be stored in the keyring; cleared once stored, never written to a file. */
    private final StringProperty keySecret = new SimpleStringProperty(this, "keySecret", "");
    private final BooleanProperty dbPasswordInKeyring = new SimpleBooleanProperty(this, "dbPasswordInKeyring");
    private final StringProperty dbPasswordSecret = new SimpleStringProperty(this, "dbPasswordSecret", "");
    private final ReadOnlyStringWrapper keyringText = new ReadOnlyStringWrapper(this, "keyringText", "");
    private final ObservableList<String> judgeChoices = FXCollections.observableArrayList();
    /** The judge to save: "" for none; starts as the workspace's. */
    private final StringProperty judgeModel = new SimpleStringProperty(this, "judgeModel", "");
    private final ObservableList<CheckLine> modelChecks = FXCollections.observableArrayList();
    private final ObservableList<ModelProfile> models = FXCollections.observableArrayList();
    /** The workspace's own profiles, so saving keeps their settings (temperature, limits) when unchanged. */
    private final java.util.Map<ModelProfile, ModelConfig> originals = new java.util.HashMap<>();
    private final ObjectProperty<ModelProfile> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");

    private final BooleanProperty langfuseEnabled = new SimpleBooleanProperty(this, "langfuseEnabled");
    private final StringProperty langfuseHost = new SimpleStringProperty(this, "langfuseHost",
            LangfuseConfig.DEFAULT_HOST);
    private final StringProperty langfusePublicEnv = new SimpleStringProperty(this, "langfusePublicEnv",
            "LANGFUSE_PUBLIC_KEY");
    private final StringProperty langfuseSecretEnv = new SimpleStringProperty(this, "langfuseSecretEnv",
            "LANGFUSE_SECRET_KEY");
    private final ObservableList<CheckLine> langfuseChecks = FXCollections.observableArrayList();

    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper(this, "savedText", "");
    private final ReadOnlyObjectWrapper<Workspace> saved = new ReadOnlyObjectWrapper<>(this, "saved");

    /** A wizard that cannot store secrets in the keyring (tests of the other pages). */
    public ConnectionWizardViewModel(Workspace workspace, ConnectionChecklist checklist, TaskRunner tasks) {
        this(workspace, checklist, tasks, SecretStore.none());
    }

    public ConnectionWizardViewModel(Workspace workspace, ConnectionChecklist checklist, TaskRunner tasks,
            SecretStore keyring) {
        this.workspace = workspace;
        this.checklist = checklist;
        this.tasks = tasks;
        this.keyring = keyring;
        DatabaseConfig db = workspace.config().database();
        dbName.set(db.nameOrDefault());
        dbType.set(db.type() == null ? "sqlite" : db.type());
        dbPath.set(db.path() == null ? "" : db.path());
        dbUrl.set(db.url() == null ? "" : db.url());
        dbHost.set(db.host() == null ? "" : db.host());
        dbPort.set(db.port() == null ? "" : db.port().toString());
        dbDatabase.set(db.database() == null ? "" : db.database());
        dbSchema.set(db.schema() == null ? "" : db.schema());
        dbUser.set(db.username() == null ? "" : db.username());
        dbPasswordEnv.set(db.password() == null ? "" : db.password().env() != null ? db.password().env()
                : db.password().keyring());
        dbPasswordInKeyring.set(db.password() != null && db.password().keyring() != null);
        for (ModelConfig existing : workspace.config().models()) {
            ModelProfile listed = ModelProfile.of(existing);
            originals.put(listed, existing);
            models.add(listed);
        }
        LangfuseConfig lf = workspace.config().langfuse();
        if (lf != null) {
            langfuseEnabled.set(lf.enabledOrDefault());
            langfuseHost.set(lf.hostOrDefault());
            if (lf.publicKey() != null && lf.publicKey().env() != null) {
                langfusePublicEnv.set(lf.publicKey().env());
            }
            if (lf.secretKey() != null && lf.secretKey().env() != null) {
                langfuseSecretEnv.set(lf.secretKey().env());
            }
        }
        sqlite.bind(dbType.isEqualTo("sqlite"));
        JudgeConfig judge = workspace.config().judge();
        judgeModel.set(judge != null && judge.enabledOrDefault() && judge.model() != null ? judge.model() : "");
        refreshJudgeChoices();
        models.addListener((javafx.collections.ListChangeListener<ModelProfile>) change -> refreshJudgeChoices());
        provider.addListener((obs, was, is) -> keyEnv.set(switch (is) {
            case "anthropic" -> "ANTHROPIC_API_KEY";
            case "gemini" -> "GEMINI_API_KEY";
            case "ollama" -> "";
            default -> "OPENAI_API_KEY";
        }));
        summary.bind(Bindings.createStringBinding(this::describe, dbName, dbType, models, langfuseEnabled, langfuseHost,
                judgeModel));
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
            db = databaseConfig();
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
        int colon = model.spec().indexOf(':');
        modelName.set(model.name());
        provider.set(colon < 0 ? "openai" : model.spec().substring(0, colon));
        modelId.set(colon < 0 ? model.spec() : model.spec().substring(colon + 1));
        baseUrl.set(model.baseUrl() == null ? "" : model.baseUrl());
        keyEnv.set(model.keyEnv() == null ? "" : model.keyEnv());
        keyInKeyring.set(model.keyring());
    }

    /** Stores the typed key in the OS keyring under the key's name; the wizard then writes {keyring: NAME}. */
    public void storeModelKey() {
        store(keyEnv.get(), keySecret, keyInKeyring);
    }

    /** Stores the typed database password in the OS keyring under the password's name. */
    public void storeDbPassword() {
        store(dbPasswordEnv.get(), dbPasswordSecret, dbPasswordInKeyring);
    }

    private void store(String name, StringProperty secret, BooleanProperty inKeyring) {
        String value = secret.get();
        if (blank(name) || value == null || value.isEmpty()) {
            keyringText.set("Name the entry and type the secret, then store it.");
            return;
        }
        String entry = name.strip();
        try {
            OsKeyring.checkName(entry);
        } catch (IllegalArgumentException e) {
            keyringText.set(sentence(e.getMessage()));
            return;
        }
        busy.set(true);
        tasks.submit(() -> {
            keyring.set(entry, value);
            return entry;
        }, stored -> {
            busy.set(false);
            secret.set("");
            inKeyring.set(true);
            keyringText.set("Stored " + stored + " in the OS keyring. The profile reads it as {keyring: " + stored
                    + "}; the value is never written to a file.");
        }, failure -> {
            busy.set(false);
            keyringText.set(Explanation.of(failure).oneLine());
        });
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
        if (!langfuseEnabled.get()) {
            langfuseChecks.setAll(new CheckLine("Langfuse", CheckLine.State.WARN, "not used; runs are not traced",
                    "tick \"Trace runs in Langfuse\" to set it up"));
            return;
        }
        LangfuseConfig config;
        try {
            config = langfuseConfig();
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
            profile = new WorkspaceProfileWriter.Profile(databaseConfig(),
                    models.stream().map(m -> originals.getOrDefault(m, m.toConfig())).toList(),
                    langfuseEnabled.get() ? langfuseConfig() : null, true, judgeModel.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        busy.set(true);
        problem.set("");
        tasks.submit(() -> new WorkspaceProfileWriter().save(workspace.root(), profile), written -> {
            busy.set(false);
            saved.set(written);
            savedText.set("Saved to " + written.root().resolve(Workspace.CONFIG_FILE) + ": database profile '"
                    + profile.database().nameOrDefault() + "', " + Wording.plural(profile.models().size(),
                            "model profile") + (profile.models().isEmpty() ? "" : " (default " + profile.models()
                            .getFirst().name() + ")") + (profile.langfuse() == null ? "" : ", Langfuse")
                    + ". Keys stay where they are named (environment or keyring). The workbench uses them now.");
        }, failure -> {
            busy.set(false);
            problem.set(Explanation.of(failure).oneLine());
        });
    }

    // ---- work

    private void run(ObservableList<CheckLine> target, Callable<List<CheckResult>> checks) {
        busy.set(true);
        target.setAll(new CheckLine("Checking", CheckLine.State.WARN, "…", ""));
        tasks.submit(checks, results -> {
            busy.set(false);
            target.setAll(results.stream().map(ConnectionWizardViewModel::line).toList());
        }, failure -> {
            busy.set(false);
            Explanation why = Explanation.of(failure);
            target.setAll(new CheckLine("Check", CheckLine.State.FAIL, why.headline(), why.fixOr("try again")));
        });
    }

    private static CheckLine line(CheckResult r) {
        CheckLine.State state = switch (r.status()) {
            case OK -> CheckLine.State.OK;
            case WARN -> CheckLine.State.WARN;
            case FAIL -> CheckLine.State.FAIL;
        };
        return new CheckLine(r.name(), state, sentence(r.detail()), sentence(r.remedy()));
    }

    DatabaseConfig databaseConfig() {
        SecretRef password = blank(dbPasswordEnv.get()) ? null : dbPasswordInKeyring.get()
                ? SecretRef.keyring(dbPasswordEnv.get().strip()) : SecretRef.env(dbPasswordEnv.get().strip());
        if (sqlite.get()) {
            if (blank(dbPath.get())) {
                throw new IllegalArgumentException("a SQLite profile needs the database file's path");
            }
            List<String> init = dbPath.get().strip().equals(workspace.config().database().path())
                    ? workspace.config().database().init() : List.of();
            return new DatabaseConfig(name(dbName.get(), "database"), "sqlite", dbPath.get().strip(), init, null, null,
                    null, null, null, null, null, null, null, null);
        }
        Integer port = null;
        if (!blank(dbPort.get())) {
            try {
                port = Integer.parseInt(dbPort.get().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port '" + dbPort.get() + "' is not a number");
            }
        }
        return new DatabaseConfig(name(dbName.get(), "database"), dbType.get(), null, List.of(),
                blank(dbUrl.get()) ? null : dbUrl.get().strip(), blank(dbUrl.get()) ? emptyToNull(dbHost.get()) : null,
                blank(dbUrl.get()) ? port : null, blank(dbUrl.get()) ? emptyToNull(dbDatabase.get()) : null,
                emptyToNull(dbSchema.get()), emptyToNull(dbUser.get()), password, null, null, null);
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

    LangfuseConfig langfuseConfig() {
        return new LangfuseConfig(emptyToNull(langfuseHost.get()), SecretRef.env(langfusePublicEnv.get().strip()),
                SecretRef.env(langfuseSecretEnv.get().strip()), null, null, null);
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

    private String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("Database profile '" + dbName.get() + "' (" + dbType.get() + ")");
        parts.add(models.isEmpty() ? "no model profiles" : "models, primary first: "
                + String.join(" → ", models.stream().map(m -> m.name() + " (" + m.spec() + (m.keyEnv() == null ? ""
                        : ", " + m.keyText()) + ")").toList()));
        parts.add(blank(judgeModel.get()) ? "no LLM judge" : "LLM judge " + judgeModel.get());
        parts.add(langfuseEnabled.get() ? "Langfuse at " + langfuseHost.get() : "no Langfuse");
        return String.join("\n", parts);
    }

    private static String name(String given, String fallback) {
        String n = blank(given) ? fallback : given.strip();
        return n.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    /** Engine details start in lower case for the CLI; a line shows them as a sentence, but never "Jdbc:…". */
    private static String sentence(String text) {
        return Wording.sentence(text);
    }

    // ---- properties

    public ObjectProperty<WizardPage> pageProperty() {
        return page;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public StringProperty dbNameProperty() {
        return dbName;
    }

    public StringProperty dbTypeProperty() {
        return dbType;
    }

    public StringProperty dbPathProperty() {
        return dbPath;
    }

    public StringProperty dbUrlProperty() {
        return dbUrl;
    }

    public StringProperty dbHostProperty() {
        return dbHost;
    }

    public StringProperty dbPortProperty() {
        return dbPort;
    }

    public StringProperty dbDatabaseProperty() {
        return dbDatabase;
    }

    public StringProperty dbSchemaProperty() {
        return dbSchema;
    }

    public StringProperty dbUserProperty() {
        return dbUser;
    }

    /** The name of the environment variable holding the database password; never the password. */
    public StringProperty dbPasswordEnvProperty() {
        return dbPasswordEnv;
    }

    public ReadOnlyBooleanProperty sqliteProperty() {
        return sqlite.getReadOnlyProperty();
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

    public BooleanProperty dbPasswordInKeyringProperty() {
        return dbPasswordInKeyring;
    }

    public StringProperty dbPasswordSecretProperty() {
        return dbPasswordSecret;
    }

    /** What the last keyring action did, or why it could not (no keyring service, with the fix). */
    public ReadOnlyStringProperty keyringTextProperty() {
        return keyringText.getReadOnlyProperty();
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

    public BooleanProperty langfuseEnabledProperty() {
        return langfuseEnabled;
    }

    public StringProperty langfuseHostProperty() {
        return langfuseHost;
    }

    public StringProperty langfusePublicEnvProperty() {
        return langfusePublicEnv;
    }

    public StringProperty langfuseSecretEnvProperty() {
        return langfuseSecretEnv;
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
