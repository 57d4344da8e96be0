package dev.querybench.app.connection;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import dev.querybench.engine.validation.ConnectionChecklist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's Create reader on the real servers: an administrator without the right to create
 * accounts is told what to do; one with it gets a reader that can only read, saved as a profile
 * with the password by reference, which the checklist then shows with its protections.
 */
class ReaderFormTest {

    private static final String READER_PASSWORD = "wizard-reader-pw-5150";

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
    void postgresReaderIsRefusedToTheOwnerThenCreatedSavedAndChecked() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        String reader;
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            reader = db.name() + "_wz";
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (7)");
            createAndCheck(server, db, reader, "CREATEROLE", "CREATE ROLE \"" + reader + "\" LOGIN PASSWORD"
                    + " 'choose-a-password'");
        }
        sql(server, "DROP ROLE IF EXISTS " + reader);
    }

    @Test
    void mariadbReaderIsRefusedToAPlainUserThenCreatedSavedAndChecked() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(MysqlEngine.DIALECT);
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server)) {
            String reader = db.name() + "_wz";
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (7)");
            try {
                createAndCheck(server, db, reader, "CREATE USER", "GRANT SELECT, SHOW VIEW ON `" + db.name() + "`.* TO '"
                        + reader + "'@'%'");
            } finally {
                sql(server, "DROP USER IF EXISTS '" + reader + "'@'%'");
            }
        }
    }

    @Test
    void trinoShowsTheAccessControlRuleAndSqliteHasNoReaderSection() {
        ConnectionWizardViewModel vm = wizard(Map.of());
        assertThat(vm.reader().availableProperty().get()).isFalse();
        vm.database().typeProperty().set("trino");
        vm.database().urlProperty().set("jdbc:trino://127.0.0.1:1/memory/default");
        vm.database().userProperty().set("analyst");
        assertThat(vm.reader().availableProperty().get()).isTrue();
        vm.reader().nameProperty().set("analyst_reader");
        vm.reader().showSql();
        assertThat(vm.reader().sqlProperty().get()).contains("access-control.name=file",
                "{\"user\": \"analyst_reader\", \"catalog\": \"memory\", \"allow\": \"read-only\"}");
        vm.reader().create();
        assertThat(vm.reader().failedProperty().get()).isTrue();
        assertThat(vm.reader().statusProperty().get()).contains("Trino accounts are not made with SQL", "Show SQL");
        vm.reader().nameProperty().set("robert'); drop");
        vm.reader().showSql();
        assertThat(vm.reader().statusProperty().get()).contains("not a plain account name");
    }

    private void createAndCheck(TestServers.Server server, TestDatabase db, String reader, String adminRight,
            String expectedSql) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("QB_READER_PW", READER_PASSWORD, "QB_OWNER_PW",
                db.writable().password()));
        env.put("QB_ADMIN_PW", server.password());
        ConnectionWizardViewModel vm = wizard(env);
        DatabaseForm form = vm.database();
        form.typeProperty().set(db.dialect() == PostgresEngine.DIALECT ? "postgresql" : "mysql");
        form.nameProperty().set("shop");
        form.urlProperty().set(db.readOnly().jdbcUrl());
        form.userProperty().set(db.writable().username());
        form.passwordNameProperty().set("QB_OWNER_PW");
        ReaderForm readerForm = vm.reader();
        assertThat(readerForm.availableProperty().get()).isTrue();
        readerForm.nameProperty().set(reader);
        readerForm.passwordNameProperty().set("QB_READER_PW");

        readerForm.create();
        assertThat(readerForm.failedProperty().get()).isTrue();
        assertThat(readerForm.statusProperty().get()).contains("may not create accounts", adminRight, "Show SQL");
        readerForm.showSql();
        assertThat(readerForm.sqlProperty().get()).contains(expectedSql).doesNotContain(READER_PASSWORD);

        form.userProperty().set(server.user());
        form.passwordNameProperty().set(server.password().isEmpty() ? "" : "QB_ADMIN_PW");
        readerForm.create();
        assertThat(readerForm.failedProperty().get()).as(readerForm.statusProperty().get()).isFalse();
        assertThat(readerForm.statusProperty().get()).startsWith("Created the reader " + reader)
                .contains("'shop-reader'", "environment variable QB_READER_PW");
        assertThat(form.nameProperty().get()).isEqualTo("shop-reader");
        assertThat(form.userProperty().get()).isEqualTo(reader);
        assertThat(form.passwordNameProperty().get()).isEqualTo("QB_READER_PW");
        assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Safe execution")).singleElement().satisfies(l -> {
            assertThat(l.state()).isEqualTo(CheckLine.State.OK);
            assertThat(l.detail()).contains(reader, "can only read");
        });
        assertThat(vm.dbChecks()).noneMatch(l -> l.state() == CheckLine.State.FAIL);

        String yaml = Files.readString(sample.workspace.root().resolve(Workspace.CONFIG_FILE));
        assertThat(yaml).contains("shop-reader", "env: QB_READER_PW").doesNotContain(READER_PASSWORD);
        DatabaseConfig saved = new WorkspaceLoader().load(sample.workspace.root()).config().databaseProfile("shop-reader")
                .orElseThrow();
        assertThat(saved.username()).isEqualTo(reader);
        assertThat(saved.password().env()).isEqualTo("QB_READER_PW");
    }

    private ConnectionWizardViewModel wizard(Map<String, String> env) {
        SecretResolver secrets = new SecretResolver(env);
        return new ConnectionWizardViewModel(sample.workspace, new ConnectionChecklist(secrets, Duration.ofSeconds(5),
                Clock.systemUTC()), new ImmediateTaskRunner(), secrets);
    }

    private static void sql(TestServers.Server server, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
