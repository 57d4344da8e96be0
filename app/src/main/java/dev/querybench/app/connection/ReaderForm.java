package dev.querybench.app.connection;

import static dev.querybench.app.connection.WizardWork.blank;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.DatabaseProfileResolver;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.reader.ReaderAccount;
import dev.querybench.engine.db.reader.ReaderAccounts;
import dev.querybench.engine.errors.QueryBenchException;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The database page's reader account: untrusted SQL should run under an account that can only read.
 * For PostgreSQL and MySQL/MariaDB, "Create reader" makes it over the page's (administrator's)
 * connection with the smallest grants — the same {@link ReaderAccounts} service as
 * {@code querybench db reader} — checks it can only read, saves a profile for it with the password by
 * reference, shows that profile in the page and re-checks it; "Show SQL" gives the statements for a
 * DBA (for Trino, the coordinator's access-control rule). A typed password goes to the OS keyring
 * only; otherwise it is read from the named environment variable.
 */
public final class ReaderForm {

    /** The name of the variable or keyring entry the wizard suggests for the reader's password. */
    public static final String DEFAULT_PASSWORD_NAME = "QUERYBENCH_READER_PASSWORD";

    private final Workspace workspace;
    private final DatabaseForm database;
    private final SecretResolver secrets;
    private final WizardWork work;
    private final Runnable created;
    private final ReaderAccounts accounts = new ReaderAccounts();

    private final StringProperty name = new SimpleStringProperty(this, "name", ReaderAccount.DEFAULT_NAME);
    private final StringProperty passwordName = new SimpleStringProperty(this, "passwordName", DEFAULT_PASSWORD_NAME);
    private final BooleanProperty passwordInKeyring = new SimpleBooleanProperty(this, "passwordInKeyring");
    private final StringProperty passwordSecret = new SimpleStringProperty(this, "passwordSecret", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyStringWrapper sql = new ReadOnlyStringWrapper(this, "sql", "");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    /** Whether QueryBench can create the reader on this engine itself (otherwise it only shows the rule or SQL). */
    private final ReadOnlyBooleanWrapper creatable = new ReadOnlyBooleanWrapper(this, "creatable");

    /** @param created runs on the FX thread once a reader was made and its profile shown (the wizard checks it) */
    ReaderForm(Workspace workspace, DatabaseForm database, SecretResolver secrets, WizardWork work, Runnable created) {
        this.workspace = workspace;
        this.database = database;
        this.secrets = secrets;
        this.work = work;
        this.created = created;
        available.bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> dialect(database.typeProperty().get()).map(Dialect::isServer).orElse(false),
                database.typeProperty()));
        creatable.bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> dialect(database.typeProperty().get()).map(ReaderAccounts::creates).orElse(false),
                database.typeProperty()));
        database.typeProperty().addListener((obs, was, is) -> {
            sql.set("");
            status.set("");
        });
    }

    /** Creates the reader with the page's account, saves a profile for it and shows that profile. */
    public void create() {
        Accounts page = pageAccounts();
        if (page == null) {
            return;
        }
        DatabaseConfig admin = page.admin();
        ReaderAccount reader = page.reader();
        if (blank(passwordName.get())) {
            fail("Name the environment variable or keyring entry for the reader's password.");
            return;
        }
        String entry = passwordName.get().strip();
        String typed = passwordSecret.get() == null ? "" : passwordSecret.get();
        if (!passwordInKeyring.get() && !typed.isEmpty()) {
            fail("A typed password is kept only in the OS keyring — tick \"in the OS keyring\", or export " + entry
                    + " with the password and leave the field empty.");
            return;
        }
        SecretRef ref = passwordInKeyring.get() ? SecretRef.keyring(entry) : SecretRef.env(entry);
        String profileName = admin.nameOrDefault() + "-reader";
        status.set("Creating " + reader.name() + "…");
        sql.set("");
        failed.set(false);
        work.submit(() -> createAndSave(admin, reader, ref, typed, profileName), made -> {
            passwordSecret.set("");
            database.fill(made);
            failed.set(false);
            status.set("Created the reader " + reader.name() + ", which can only read, and saved the profile '"
                    + profileName + "' (password from " + ref.describe() + "). The checklist shows what the server"
                    + " enforces on every query.");
            created.run();
        }, this::fail);
    }

    /** Shows the SQL that creates the reader, with a placeholder password, for a DBA to run (Trino: the rule). */
    public void showSql() {
        Accounts page = pageAccounts();
        if (page == null) {
            return;
        }
        DatabaseConfig admin = page.admin();
        ReaderAccount reader = page.reader();
        // the script needs the engine and the address only, not the administrator's password
        DatabaseConfig address = accounts.profile(admin, admin.nameOrDefault(), reader, null);
        work.submit(() -> accounts.script(new DatabaseProfileResolver(secrets).resolve(address, workspace.root(), 1),
                reader), script -> {
                    sql.set(script);
                    failed.set(false);
                    status.set(!dialect(admin.type()).map(ReaderAccounts::creates).orElse(true)
                            ? dialect(admin.type()).orElseThrow().displayName() + "'s users live in the coordinator's"
                                    + " configuration: add this rule there, then use"
                                    + " the account " + reader.name() + " in the profile."
                            : "For a DBA: replace '" + ReaderAccounts.PASSWORD_PLACEHOLDER + "', run it, then use the"
                                    + " account " + reader.name() + " in the profile with its password by reference.");
                }, this::fail);
    }

    private DatabaseConfig createAndSave(DatabaseConfig admin, ReaderAccount reader, SecretRef ref, String typed,
            String profileName) {
        ConnectionProfile adminProfile = new DatabaseProfileResolver(secrets).resolve(admin, workspace.root(), 1);
        if (!ReaderAccounts.creates(adminProfile.dialect())) {
            throw new ConfigException(adminProfile.dialect().displayName() + " accounts are not made with SQL",
                    "click Show SQL for the access-control rule to add to the coordinator", null);
        }
        String password = typed;
        if (typed.isEmpty()) {
            password = secrets.resolve(ref).orElseThrow(() -> new ConfigException("the reader's password is read from "
                    + ref.describe() + ", which is not set", ref.env() != null ? ref.howToSet()
                    + ", or tick \"in the OS keyring\" and type it" : "type it to store it there", null));
        } else {
            secrets.keyring().set(ref.keyring(), typed);
        }
        accounts.create(adminProfile, reader, password);
        DatabaseConfig profile = accounts.profile(admin, profileName, reader, ref);
        new WorkspaceProfileWriter().save(workspace.root(), new WorkspaceProfileWriter.Profile(profile, List.of(),
                null));
        return profile;
    }

    /** The page's administrator and reader, or null after saying what is wrong with them. */
    private Accounts pageAccounts() {
        try {
            return new Accounts(database.config(), ReaderAccount.named(name.get() == null ? "" : name.get().strip()));
        } catch (IllegalArgumentException | QueryBenchException e) {
            fail(WizardWork.message(e));
            return null;
        }
    }

    private record Accounts(DatabaseConfig admin, ReaderAccount reader) {}

    private void fail(String message) {
        failed.set(true);
        status.set(WizardWork.sentence(message));
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The name of the environment variable or keyring entry for the reader's password; never the password. */
    public StringProperty passwordNameProperty() {
        return passwordName;
    }

    public BooleanProperty passwordInKeyringProperty() {
        return passwordInKeyring;
    }

    /** A password typed for the reader; stored in the keyring only, and cleared once the reader is made. */
    public StringProperty passwordSecretProperty() {
        return passwordSecret;
    }

    /** What the last action did, or what went wrong with the fix. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when {@link #statusProperty()} says what went wrong. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** The SQL (or Trino rule) shown for a DBA; empty when not asked for. */
    public ReadOnlyStringProperty sqlProperty() {
        return sql.getReadOnlyProperty();
    }

    /** True for engines with accounts (PostgreSQL, MySQL/MariaDB, Trino). */
    /** Whether QueryBench can create the reader itself on the chosen engine (not only show its SQL or rule). */
    public ReadOnlyBooleanProperty creatableProperty() {
        return creatable.getReadOnlyProperty();
    }

    private static java.util.Optional<Dialect> dialect(String type) {
        return Dialect.fromName(type);
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }
}
