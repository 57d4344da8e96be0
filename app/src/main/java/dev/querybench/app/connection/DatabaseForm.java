package dev.querybench.app.connection;

import static dev.querybench.app.connection.WizardWork.blank;
import static dev.querybench.app.connection.WizardWork.emptyToNull;

import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.Dialect;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The database page's fields: a SQLite file, or a server by JDBC URL or host, port and database,
 * with the account and the name of the environment variable or keyring entry that holds its
 * password (never the password; one typed here only goes to the keyring).
 */
public final class DatabaseForm {

    /** The database types the wizard offers: every registered engine, in registration order. */
    public static final List<String> TYPES = DatabaseBackends.all().stream().map(e -> e.dialect().id()).toList();
    /** The first registered engine of database files rather than servers (SQLite): the form's starting type. */
    private static final String FILE_TYPE = Dialect.all().stream().filter(d -> !d.isServer()).findFirst()
            .orElseThrow().id();

    private final Workspace workspace;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty type = new SimpleStringProperty(this, "type", FILE_TYPE);
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty host = new SimpleStringProperty(this, "host", "");
    private final StringProperty port = new SimpleStringProperty(this, "port", "");
    private final StringProperty database = new SimpleStringProperty(this, "database", "");
    private final StringProperty schema = new SimpleStringProperty(this, "schema", "");
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty passwordName = new SimpleStringProperty(this, "passwordName", "");
    private final BooleanProperty passwordInKeyring = new SimpleBooleanProperty(this, "passwordInKeyring");
    private final StringProperty passwordSecret = new SimpleStringProperty(this, "passwordSecret", "");
    private final ReadOnlyBooleanWrapper sqlite = new ReadOnlyBooleanWrapper(this, "sqlite");

    DatabaseForm(Workspace workspace) {
        this.workspace = workspace;
        // a file (path) rather than a server (URL or host, port and database)
        sqlite.bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !Dialect.fromName(type.get()).map(Dialect::isServer).orElse(true), type));
        fill(workspace.config().database());
    }

    /** Shows {@code db}'s fields. */
    void fill(DatabaseConfig db) {
        name.set(db.nameOrDefault());
        type.set(db.type() == null ? FILE_TYPE : db.type());
        path.set(db.path() == null ? "" : db.path());
        url.set(db.url() == null ? "" : db.url());
        host.set(db.host() == null ? "" : db.host());
        port.set(db.port() == null ? "" : db.port().toString());
        database.set(db.database() == null ? "" : db.database());
        schema.set(db.schema() == null ? "" : db.schema());
        user.set(db.username() == null ? "" : db.username());
        passwordName.set(db.password() == null ? "" : db.password().env() != null ? db.password().env()
                : db.password().keyring());
        passwordInKeyring.set(db.password() != null && db.password().keyring() != null);
    }

    /**
     * The profile the fields describe.
     *
     * @throws IllegalArgumentException when a field is missing or wrong, with what to fix
     */
    DatabaseConfig config() {
        SecretRef password = blank(passwordName.get()) ? null : passwordInKeyring.get()
                ? SecretRef.keyring(passwordName.get().strip()) : SecretRef.env(passwordName.get().strip());
        if (sqlite.get()) {
            if (blank(path.get())) {
                throw new IllegalArgumentException("a SQLite profile needs the database file's path");
            }
            List<String> init = path.get().strip().equals(workspace.config().database().path())
                    ? workspace.config().database().init() : List.of();
            return new DatabaseConfig(WizardWork.name(name.get(), "database"), FILE_TYPE, path.get().strip(), init, null,
                    null, null, null, null, null, null, null, null, null);
        }
        Integer portNumber = null;
        if (!blank(port.get())) {
            try {
                portNumber = Integer.parseInt(port.get().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port '" + port.get() + "' is not a number");
            }
        }
        boolean byUrl = !blank(url.get());
        return new DatabaseConfig(WizardWork.name(name.get(), "database"), type.get(), null, List.of(),
                byUrl ? url.get().strip() : null, byUrl ? null : emptyToNull(host.get()), byUrl ? null : portNumber,
                byUrl ? null : emptyToNull(database.get()), emptyToNull(schema.get()), emptyToNull(user.get()), password,
                null, null, null);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty typeProperty() {
        return type;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public StringProperty schemaProperty() {
        return schema;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** The name of the environment variable or keyring entry holding the password; never the password. */
    public StringProperty passwordNameProperty() {
        return passwordName;
    }

    public BooleanProperty passwordInKeyringProperty() {
        return passwordInKeyring;
    }

    /** A password typed to store in the keyring; cleared once stored. */
    public StringProperty passwordSecretProperty() {
        return passwordSecret;
    }

    public ReadOnlyBooleanProperty sqliteProperty() {
        return sqlite.getReadOnlyProperty();
    }
}
