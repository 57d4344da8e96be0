package dev.querybench.app.dataset;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.session.WorkspaceTestSuite;
import dev.querybench.engine.testing.TestDatabases;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Datasets screen's test-suite generator: a small suite really generated for the sample's
 * database, with progress, per-question results and the instances listed in the profile; refused
 * with the reason for a dataset on Trino; a PostgreSQL dataset's suite needs the admin account and
 * is written as schemas on the real server; a clear message when the database is missing.
 */
class TestSuiteViewModelTest {

    /** Small enough to run in seconds: 4 candidates, 12 neighbours a question, 3 instances at most. */
    static final TestSuiteBuilder.Settings SMALL = new TestSuiteBuilder.Settings(7, 3, 4, 30, 12,
            Duration.ofMinutes(2), new QueryLimits(Duration.ofSeconds(5), 10_000));

    @TempDir
    Path home;

    @Test
    void generatesASuiteForTheSampleShowingProgressAndWhatEachQuestionCatches() throws Exception {
        try (SampleFixture sample = new SampleFixture(home.resolve("sample-workspace"))) {
            TestSuiteViewModel vm = new TestSuiteViewModel(new WorkspaceTestSuite(sample.workspace, sample.secrets),
                    SMALL, new ImmediateTaskRunner());
            vm.activate();
            assertThat(vm.availableProperty().get()).as(vm.availabilityProperty().get()).isTrue();
            List<String> statuses = new ArrayList<>();
            vm.statusProperty().addListener((obs, was, is) -> statuses.add(is));

            vm.generate();

            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.failedProperty().get()).as(vm.statusProperty().get()).isFalse();
            assertThat(statuses).anyMatch(s -> s.startsWith("ridgeline: running the neighbours of question 1 of 54"))
                    .anyMatch(s -> s.matches("ridgeline: \\d+ of 54 questions done .* candidate \\d of at most 4"));
            assertThat(vm.rows()).hasSize(54);
            assertThat(vm.rows()).anyMatch(r -> r.toCatch() == 0 && r.caughtText().equals("nothing to catch"))
                    .anyMatch(r -> r.toCatch() > 0 && r.caughtText().equals(r.caught() + " of " + r.toCatch()));
            int caught = vm.rows().stream().mapToInt(TestSuiteRow::caught).sum();
            int toCatch = vm.rows().stream().mapToInt(TestSuiteRow::toCatch).sum();
            assertThat(caught).isPositive().isLessThanOrEqualTo(toCatch);
            assertThat(vm.rows()).anyMatch(r -> !r.survivors().isEmpty() && r.survivorsText().contains(" — SELECT"));
            assertThat(vm.statusProperty().get()).matches("(1 instance catches|\\d instances catch) " + caught
                    + " of the " + toCatch
                    + " neighbours that pass on the database itself \\(.*%\\)\\.");
            Path folder = sample.workspace.root().resolve(".querybench/testsuite/ridgeline").toAbsolutePath();
            assertThat(vm.writtenProperty().get()).contains("ridgeline: ").contains(folder.toString())
                    .contains("now listed under instances: in querybench.yaml").contains("testsuite-report.md");
            List<String> instances = new WorkspaceLoader().load(sample.workspace.root()).config()
                    .databaseProfile("ridgeline").orElseThrow().instances();
            assertThat(instances).isNotEmpty().allMatch(i -> i.startsWith(".querybench/testsuite/ridgeline/"));
            instances.forEach(i -> assertThat(sample.workspace.root().resolve(i)).isRegularFile());
        }
    }

    @Test
    void theSettingsFieldsAreCheckedAndDecideTheBuild() throws Exception {
        try (SampleFixture sample = new SampleFixture(home.resolve("sample-workspace"))) {
            TestSuiteViewModel vm = new TestSuiteViewModel(new WorkspaceTestSuite(sample.workspace, sample.secrets),
                    SMALL, new ImmediateTaskRunner());
            vm.activate();
            TestSuiteSettings form = vm.settings();
            assertThat(List.of(form.seedProperty().get(), form.candidatesProperty().get(),
                    form.instancesProperty().get(), form.budgetProperty().get())).containsExactly("7", "4", "3", "120");
            assertThat(form.problemProperty().get()).isEmpty();

            form.candidatesProperty().set("many");
            form.budgetProperty().set("0");
            assertThat(form.problemProperty().get()).isEqualTo("Candidates must be a whole number from 1 to 10000"
                    + " (default 400). Budget must be a number of seconds from 1 to 86400 (default 300).");
            vm.generate();
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.failedProperty().get()).isTrue();
            assertThat(form.invalidProperty().get()).containsExactlyInAnyOrder(TestSuiteSettings.Field.CANDIDATES,
                    TestSuiteSettings.Field.BUDGET);
            assertThat(vm.statusProperty().get()).as("the reason is said once, beside the fields")
                    .isEqualTo(TestSuiteViewModel.FIX_SETTINGS).doesNotContain("must be")
                    .as("how the field is marked is the view's: no colour named").doesNotContain("red");
            assertThat(vm.rows()).isEmpty();

            form.candidatesProperty().set("2");
            assertThat(vm.failedProperty().get()).as("editing a field clears the refusal").isFalse();
            assertThat(vm.statusProperty().get()).isEqualTo(TestSuiteViewModel.IDLE);
            form.budgetProperty().set(" 60 ");
            form.seedProperty().set("nine");
            assertThat(form.problemProperty().get()).isEqualTo("Seed must be a whole number, such as 1 (the same seed"
                    + " builds the same suite). Instances cannot be more than the candidates they are chosen from (2).");
            form.seedProperty().set("9");
            assertThat(form.problemProperty().get()).isEqualTo("Instances cannot be more than the candidates they are"
                    + " chosen from (2).");
            assertThat(form.invalidProperty().get()).containsExactly(TestSuiteSettings.Field.INSTANCES);
            form.instancesProperty().set("1");
            assertThat(form.problemProperty().get()).isEmpty();
            assertThat(form.invalidProperty().get()).isEmpty();
            List<String> statuses = new ArrayList<>();
            vm.statusProperty().addListener((obs, was, is) -> statuses.add(is));

            vm.generate();

            assertThat(vm.failedProperty().get()).as(vm.statusProperty().get()).isFalse();
            assertThat(statuses).anyMatch(st -> st.endsWith("candidate 2 of at most 2"))
                    .noneMatch(st -> st.contains("of at most 4"));
            assertThat(Files.readString(sample.workspace.root().resolve(".querybench/testsuite/testsuite-report.json")))
                    .containsPattern("\"seed\"\\s*:\\s*9\\b");
            assertThat(new WorkspaceLoader().load(sample.workspace.root()).config().databaseProfile("ridgeline")
                    .orElseThrow().instances()).hasSize(1);
            assertThat(vm.savedProperty().get()).as("the workbench reloads on it").isNotNull();
            assertThat(vm.savedProperty().get().savedTo()).containsExactly("ridgeline");
        }
    }

    @Test
    void aDatasetOnTrinoCannotGetASuiteAndTheButtonSaysWhy() throws Exception {
        TestSuiteViewModel vm = viewModel(TestDatabases.productWorkspace(home.resolve("trino"),
                "{name: shop, type: trino, host: 127.0.0.1, database: memory, schema: default, username: x}"));

        vm.activate();
        vm.generate();

        assertThat(vm.availableProperty().get()).isFalse();
        assertThat(vm.availabilityProperty().get()).isEqualTo("Test suites are generated for SQLite, PostgreSQL and"
                + " MySQL/MariaDB databases: shop is on Trino.");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void aPostgresDatasetNeedsTheAdminAccountAndGetsItsSuiteAsSchemas() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            db.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, price NUMERIC(8,2))",
                    "INSERT INTO product VALUES (1, 'pen', 1.50), (2, 'pad', 3.00), (3, 'mug', 4.00)");
            Path ws = TestDatabases.productWorkspace(home.resolve("pg"), "{name: " + db.name() + ", url: \"" + db.readOnly().jdbcUrl() + "\", username: "
                    + db.readOnly().username() + ", password: {env: QB_READER_PW}}");
            // a filter, so a neighbour passes on the database and the suite has something to catch
            java.nio.file.Files.writeString(ws.resolve("dataset.yaml"), """
                    name: shop
                    questions:
                      - id: one
                        question: Which products cost more than 2?
                        gold: SELECT name FROM product WHERE price > 2
                    """);
            Map<String, String> env = new java.util.HashMap<>(Map.of("QB_READER_PW", db.readOnly().password(),
                    "QB_ADMIN_PW", server.password()));
            TestSuiteViewModel vm = new TestSuiteViewModel(new WorkspaceTestSuite(new WorkspaceLoader().load(ws),
                    new SecretResolver(env)), SMALL, new ImmediateTaskRunner());
            vm.activate();
            assertThat(vm.availableProperty().get()).isTrue();
            assertThat(vm.needsAdminProperty().get()).isTrue();
            assertThat(vm.adminHintProperty().get()).startsWith(db.name() + " is on PostgreSQL, so its instances are"
                    + " new schemas in its database");

            vm.generate();
            assertThat(vm.failedProperty().get()).isTrue();
            assertThat(vm.statusProperty().get()).startsWith("Give the admin account first");

            vm.adminUserProperty().set(server.user());
            assertThat(vm.failedProperty().get()).as("typing the account clears the error").isFalse();
            assertThat(vm.statusProperty().get()).isEqualTo(TestSuiteViewModel.IDLE);
            vm.adminPasswordNameProperty().set(server.password().isEmpty() ? "" : "QB_ADMIN_PW");
            vm.generate();

            assertThat(vm.failedProperty().get()).as(vm.statusProperty().get() + vm.writtenProperty().get()).isFalse();
            assertThat(vm.rows()).hasSize(1);
            assertThat(vm.writtenProperty().get()).contains(db.name() + ": ").contains(" on the server (qbts_"
                    + db.name() + "_s7_1").contains("now listed under instances: in querybench.yaml");
            assertThat(new WorkspaceLoader().load(ws).config().databaseProfile(db.name()).orElseThrow().instances())
                    .isNotEmpty().allMatch(i -> i.startsWith(db.name() + "-suite-"));
        }
    }

    @Test
    void aMissingDatabaseFileGivesAClearMessage() throws Exception {
        TestSuiteViewModel vm = viewModel(TestDatabases.productWorkspace(home.resolve("missing"),
                "{name: shop, type: sqlite, path: missing.db}"));

        vm.activate();
        vm.generate();

        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("No database got a test suite.");
        assertThat(vm.writtenProperty().get()).contains("database 'shop': SQLite file")
                .contains("missing.db does not exist; build it (give the profile init: scripts) or fix its path");
        assertThat(vm.rows()).isEmpty();
    }

    /** The generator for the workspace in {@code ws}, with no secrets and the small settings. */
    private static TestSuiteViewModel viewModel(Path ws) {
        return new TestSuiteViewModel(new WorkspaceTestSuite(new WorkspaceLoader().load(ws),
                new SecretResolver(Map.of())), SMALL, new ImmediateTaskRunner());
    }
}
