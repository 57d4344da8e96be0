package dev.querybench.engine.cli;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.TestDatabases;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose untrusted SQL runs under PostgreSQL's superuser because the profile opts in
 * ({@code allowPrivilegedAccount: true}) says so in its stored record, in results.json, summary.md
 * and report.html, also when the report is written again from the store; a run store written
 * before the record existed still opens and its runs carry no warning.
 */
class PrivilegedAccountRecordTest {

    @TempDir
    Path dir;

    @Test
    void aRunUnderAnOptedInSuperuserIsRecordedAndEveryReportWarns() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server); OpenAiStub stub = OpenAiStub.start()) {
            db.execute("CREATE TABLE note (id INT, body TEXT)", "INSERT INTO note VALUES (1, 'x'), (2, 'y')");
            Path ws = dir.resolve("ws");
            TestDatabases.plainPrompt(ws);
            Files.writeString(ws.resolve("dataset.yaml"), """
                    questions:
                      - id: count
                        question: How many notes are there?
                        gold: SELECT count(*) FROM note
                      - id: count-extra
                        question: How many notes are there in the extra database?
                        database: extra
                        gold: SELECT count(*) FROM note
                    """);
            Map<String, String> env = new HashMap<>();
            String password = "";
            if (!server.password().isEmpty()) {
                env.put("QB_TEST_DB_PASSWORD", server.password());
                password = ", password: {env: QB_TEST_DB_PASSWORD}";
            }
            Files.writeString(ws.resolve("querybench.yaml"), "name: privileged\n"
                    + "database: {name: main, type: postgresql, url: '" + db.readOnly().jdbcUrl() + "', username: "
                    + server.user() + password + ", allowPrivilegedAccount: true}\n"
                    // a question's own profile under the same opted-in account: recorded too (opened during the run)
                    + "databases:\n  - {name: extra, type: postgresql, url: '" + db.readOnly().jdbcUrl()
                    + "', username: " + server.user() + password + ", allowPrivilegedAccount: true}\n"
                    + "dataset: dataset.yaml\nvariants: [plain]\n");
            stub.answerSql("How many notes", "SELECT count(*) FROM note");
            CliHarness cli = new CliHarness(dir.resolve("home"), env);
            Path out = dir.resolve("out");
            CliHarness.Result r = cli.run("run", "--workspace", ws.toString(), "--model", "openai:gpt-4o-mini",
                    "--base-url", stub.baseUrl(), "--out", out.toString(), "--format", "json,md,csv,html");
            assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
            assertThat(r.err()).contains("warning: untrusted SQL runs under the privileged account");

            JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            assertThat(doc.path("items").get(0).path("outcome").asText()).isEqualTo("PASS");
            assertThat(doc.path("warning").asText()).startsWith("WARNING: untrusted SQL ran under a privileged account")
                    .contains(server.user());
            assertThat(doc.path("warning").asText().split("untrusted SQL", -1)).as("said once").hasSize(2);
            assertThat(doc.path("privilegedAccounts")).hasSize(2);
            assertThat(doc.path("privilegedAccounts").get(1).asText()).startsWith("database extra, account ")
                    .contains("superuser");
            assertThat(doc.path("privilegedAccounts").get(0).asText()).startsWith("database postgresql, account ")
                    .contains("allowPrivilegedAccount: true").contains("superuser");
            assertThat(Files.readString(out.resolve("summary.md")))
                    .contains("> **WARNING: untrusted SQL ran under a privileged account");
            assertThat(Files.readString(out.resolve("report.html")))
                    .contains("<p class=\"warning\" role=\"alert\"><b>WARNING: untrusted SQL ran under a privileged");

            String runId = doc.path("run").path("id").asText();
            try (RunStore store = new RunStore(ws.resolve(".querybench/runs.db"))) {
                assertThat(store.privilegedAccounts(runId)).containsExactly(doc.path("privilegedAccounts").get(0).asText(),
                        doc.path("privilegedAccounts").get(1).asText());
            }
            // the report written again later from the stored run warns the same way
            Path again = dir.resolve("again");
            CliHarness.Result report = cli.run("report", "--workspace", ws.toString(), runId, "--out", again.toString(),
                    "--format", "json,md");
            assertThat(report.exitCode()).as(report.err() + report.out()).isZero();
            assertThat(new ObjectMapper().readTree(again.resolve("results.json").toFile()).path("warning").asText())
                    .isEqualTo(doc.path("warning").asText());
            assertThat(Files.readString(again.resolve("summary.md"))).contains("WARNING: untrusted SQL ran under");
        }
    }

    @Test
    void aStoreWrittenBeforeTheRecordOpensAndItsRunsCarryNoWarning() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = new RunStore(file)) {
            store.createRun(new dev.querybench.engine.run.RunRecord("old", java.time.Instant.EPOCH, "ws", "ds",
                    List.of("q"), List.of("v"), List.of("m"), "execution", "finished"));
        }
        // take the store back to schema 6, as the previous release wrote it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE runs DROP COLUMN privileged_accounts");
            s.execute("ALTER TABLE items DROP COLUMN error_where");
            s.execute("ALTER TABLE items DROP COLUMN error_fix");
            s.execute("PRAGMA user_version = 6");
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.run("old")).isPresent();
            assertThat(store.privilegedAccounts("old")).isEmpty();
            store.recordPrivilegedAccounts("old", List.of("database x: y"));
            store.recordPrivilegedAccounts("old", List.of("database x: y", "database z: w"));
            assertThat(store.privilegedAccounts("old")).containsExactly("database x: y", "database z: w");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA user_version")) {
            assertThat(rs.getInt(1)).isEqualTo(RunStore.schemaVersion());
        }
    }
}
