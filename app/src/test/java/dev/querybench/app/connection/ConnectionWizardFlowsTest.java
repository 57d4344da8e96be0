package dev.querybench.app.connection;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.testing.TestDatabases;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import dev.querybench.engine.testing.db.TrinoTestDatabase;
import dev.querybench.engine.validation.ConnectionChecklist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way through the wizard's database page against the real thing: a new SQLite file, a new
 * PostgreSQL profile by host, port and database, a MySQL/MariaDB and a Trino profile by URL, each
 * checked and saved; and the fields the checks refuse, with what to fix.
 */
class ConnectionWizardFlowsTest {

    private static final String PASSWORD_VARIABLE = "QB_WIZARD_DB_PW";

    @TempDir
    Path home;

    private SampleFixture sample;

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
    }

    @AfterEach
    void close() {
        sample.close();
    }

    @Test
    void aNewSqliteProfileIsCheckedAndSaved() throws Exception {
        Path file = TestDatabases.sqlite(home.resolve("shop.db"), "CREATE TABLE orders (id INT); INSERT INTO orders"
                + " VALUES (1);");
        ConnectionWizardViewModel vm = wizard(Map.of());
        vm.database().nameProperty().set("shop");
        vm.database().pathProperty().set(file.toString());

        vm.checkDatabase();

        assertThat(vm.dbChecks()).noneMatch(l -> l.state() == CheckLine.State.FAIL);
        assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Connection")).singleElement()
                .satisfies(l -> assertThat(l.detail()).startsWith("SQLite "));
        DatabaseConfig saved = save(vm, "shop");
        assertThat(saved.type()).isEqualTo("sqlite");
        assertThat(saved.path()).isEqualTo(file.toString());
        assertThat(saved.init()).isEmpty();
    }

    @Test
    void aNewPostgresProfileByHostPortAndDatabaseIsCheckedAndSaved() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server(PostgresEngine.DIALECT))) {
            ConnectionWizardViewModel vm = wizard(Map.of(PASSWORD_VARIABLE, db.readOnly().password()));
            ConnectionUrl url = ConnectionUrl.parse(db.readOnly().jdbcUrl());
            DatabaseForm form = vm.database();
            form.typeProperty().set("postgresql");
            form.nameProperty().set("pg-shop");
            form.hostProperty().set(url.host());
            form.portProperty().set(url.port());
            form.databaseProperty().set(url.database());
            form.userProperty().set(db.readOnly().username());
            form.passwordNameProperty().set(PASSWORD_VARIABLE);

            checkedWithoutFailure(vm, "PostgreSQL ");
            DatabaseConfig saved = save(vm, "pg-shop");
            assertThat(saved.type()).isEqualTo("postgresql");
            assertThat(saved.host()).isEqualTo(url.host());
            assertThat(saved.port()).isEqualTo(Integer.valueOf(url.port()));
            assertThat(saved.database()).isEqualTo(url.database());
            assertThat(saved.password().env()).isEqualTo(PASSWORD_VARIABLE);
            assertThat(Files.readString(sample.workspace.root().resolve(Workspace.CONFIG_FILE)))
                    .doesNotContain(db.readOnly().password());
        }
    }

    @Test
    void aNewMysqlProfileByUrlIsCheckedAndSaved() throws Exception {
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server(MysqlEngine.DIALECT))) {
            byUrl(db, "mysql", "my-shop");
        }
    }

    @Test
    void aNewTrinoProfileByUrlIsCheckedAndSaved() throws Exception {
        try (TrinoTestDatabase db = TrinoTestDatabase.create(server(TrinoEngine.DIALECT))) {
            byUrl(db, "trino", "trino-shop");
        }
    }

    @Test
    void fieldsTheChecksRefuseSayWhatToFix() {
        ConnectionWizardViewModel vm = wizard(Map.of());
        vm.database().pathProperty().set(" ");
        vm.checkDatabase();
        assertThat(vm.dbChecks()).singleElement().satisfies(l -> {
            assertThat(l.state()).isEqualTo(CheckLine.State.FAIL);
            assertThat(l.detail()).contains("needs the database file's path");
            assertThat(l.remedy()).isNotBlank();
        });

        vm.database().typeProperty().set("postgresql");
        vm.database().hostProperty().set("127.0.0.1");
        vm.database().portProperty().set("five-four-three-two");
        vm.checkDatabase();
        assertThat(vm.dbChecks()).singleElement().satisfies(l -> {
            assertThat(l.state()).isEqualTo(CheckLine.State.FAIL);
            assertThat(l.detail()).contains("'five-four-three-two' is not a number");
        });

        // nothing listens on port 9: the connection line fails with a next step
        vm.database().portProperty().set("9");
        vm.database().databaseProperty().set("shop");
        vm.database().userProperty().set("reader");
        vm.checkDatabase();
        assertThat(vm.dbChecks()).anySatisfy(l -> {
            assertThat(l.state()).isEqualTo(CheckLine.State.FAIL);
            assertThat(l.remedy()).isNotBlank();
        });

        vm.save();
        assertThat(vm.problemProperty().get()).isEmpty();
        vm.database().portProperty().set("x");
        vm.save();
        assertThat(vm.problemProperty().get()).contains("is not a number");

        vm.modelIdProperty().set(" ");
        vm.checkModel();
        assertThat(vm.modelChecks()).singleElement().satisfies(l -> {
            assertThat(l.state()).isEqualTo(CheckLine.State.FAIL);
            assertThat(l.detail()).contains("name the model");
        });
    }

    @Test
    void eachProviderSuggestsItsOwnKeyVariableAndEachEngineSaysWhetherItMakesReaders() {
        ConnectionWizardViewModel vm = wizard(Map.of());
        assertThat(ConnectionWizardViewModel.PROVIDERS).containsExactly("openai", "anthropic", "gemini", "ollama");
        assertThat(DatabaseForm.TYPES).containsExactly("sqlite", "postgresql", "mysql", "trino");
        assertThat(vm.keyEnvProperty().get()).isEqualTo("OPENAI_API_KEY");
        vm.providerProperty().set("gemini");
        assertThat(vm.keyEnvProperty().get()).isEqualTo("GEMINI_API_KEY");
        vm.providerProperty().set("anthropic");
        assertThat(vm.keyEnvProperty().get()).isEqualTo("ANTHROPIC_API_KEY");
        vm.providerProperty().set("ollama");
        assertThat(vm.keyEnvProperty().get()).isEmpty();

        vm.editModel(new ModelProfile("flash", "gemini", null, "GEMINI_API_KEY", false));
        assertThat(vm.providerProperty().get()).isEqualTo("gemini");
        assertThat(vm.modelIdProperty().get()).isNotBlank().doesNotContain(":");
        vm.editModel(new ModelProfile("coder", "ollama:qwen2.5-coder:7b", "http://127.0.0.1:11434", null, false));
        assertThat(vm.providerProperty().get()).isEqualTo("ollama");
        assertThat(vm.modelIdProperty().get()).isEqualTo("qwen2.5-coder:7b");

        ReaderForm reader = vm.reader();
        assertThat(reader.availableProperty().get()).isFalse();
        assertThat(reader.creatableProperty().get()).isFalse();
        vm.database().typeProperty().set("postgresql");
        assertThat(reader.availableProperty().get()).isTrue();
        assertThat(reader.creatableProperty().get()).isTrue();
        vm.database().typeProperty().set("mysql");
        assertThat(reader.creatableProperty().get()).isTrue();
        vm.database().typeProperty().set("trino");
        assertThat(reader.availableProperty().get()).isTrue();
        assertThat(reader.creatableProperty().get()).isFalse();
    }

    private void byUrl(TestDatabase db, String type, String name) throws Exception {
        ConnectionProfile reader = db.readOnly();
        ConnectionWizardViewModel vm = wizard(reader.password() == null ? Map.of()
                : Map.of(PASSWORD_VARIABLE, reader.password()));
        DatabaseForm form = vm.database();
        form.typeProperty().set(type);
        form.nameProperty().set(name);
        form.urlProperty().set(reader.jdbcUrl());
        form.userProperty().set(reader.username());
        form.passwordNameProperty().set(reader.password() == null ? "" : PASSWORD_VARIABLE);

        vm.checkDatabase();
        assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Connection")).singleElement().satisfies(l -> {
            assertThat(l.state()).as(l.detail() + " / " + l.remedy()).isEqualTo(CheckLine.State.OK);
            assertThat(l.detail()).startsWith(db.dialect() == TrinoEngine.DIALECT ? "Trino " : "M");
        });
        DatabaseConfig saved = save(vm, name);
        assertThat(saved.type()).isEqualTo(type);
        assertThat(saved.url()).isEqualTo(reader.jdbcUrl());
        assertThat(saved.username()).isEqualTo(reader.username());
    }

    private static void checkedWithoutFailure(ConnectionWizardViewModel vm, String server) {
        vm.checkDatabase();
        assertThat(vm.dbChecks()).as(vm.dbChecks().toString()).noneMatch(l -> l.state() == CheckLine.State.FAIL);
        assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Connection")).singleElement()
                .satisfies(l -> assertThat(l.detail()).startsWith(server));
        assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Safe execution")).singleElement()
                .satisfies(l -> assertThat(l.state()).isEqualTo(CheckLine.State.OK));
    }

    private DatabaseConfig save(ConnectionWizardViewModel vm, String name) throws Exception {
        vm.save();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.savedTextProperty().get()).contains("database profile '" + name + "'");
        return new WorkspaceLoader().load(sample.workspace.root()).config().databaseProfile(name).orElseThrow();
    }

    private static TestServers.Server server(Dialect dialect) {
        return TestServers.fromEnvironment().require(dialect);
    }

    private ConnectionWizardViewModel wizard(Map<String, String> env) {
        SecretResolver secrets = new SecretResolver(env);
        return new ConnectionWizardViewModel(sample.workspace, new ConnectionChecklist(secrets, Duration.ofSeconds(5),
                Clock.systemUTC()), new ImmediateTaskRunner(), secrets);
    }
}
