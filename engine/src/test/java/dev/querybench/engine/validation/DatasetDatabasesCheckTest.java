package dev.querybench.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.session.QuestionDatabases;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check of a dataset spanning several databases, on real SQLite files and a server that is not there. */
class DatasetDatabasesCheckTest {

    @TempDir
    Path ws;

    private void sqlite(String relative, String sql) {
        TestDatabases.sqlite(ws.resolve(relative), sql);
    }

    @Test
    void questionsNamingTheDefaultShareItsCheckAndUnusableDatabasesNameTheirQuestions() throws Exception {
        sqlite("main.db", "CREATE TABLE note (id INTEGER); INSERT INTO note VALUES (1);");
        Files.writeString(ws.resolve("dataset.yaml"), """
                questions:
                  - {id: a, question: "?", gold: SELECT id FROM note}
                  - {id: b, question: "?", gold: SELECT id FROM note WHERE id = 2, database: main}
                  - {id: c, question: "?", gold: SELECT 1, database: remote}
                  - {id: d, question: "?", gold: SELECT 1, database: lost}
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: main, type: sqlite, path: main.db}
                databases:
                  - {name: remote, type: postgresql, host: 127.0.0.1, port: 9, database: shop, username: reader}
                dataset: dataset.yaml
                """);
        Workspace workspace = new WorkspaceLoader().load(ws);
        SecretResolver secrets = SecretResolver.none();

        DatasetDatabasesCheck.Report report;
        try (DatabaseBackend main = WorkspaceSession.openDatabase(workspace, secrets, "main");
                QuestionDatabases databases = new QuestionDatabases(workspace, "main", main,
                        name -> WorkspaceSession.openDatabase(workspace, secrets, name), 2)) {
            report = new DatasetDatabasesCheck(new QueryLimits(Duration.ofSeconds(5), 100))
                    .goldCheck(workspace.dataset(), databases);
        }

        assertThat(report.ok()).isFalse();
        assertThat(report.instances()).singleElement().satisfies(main -> {
            assertThat(main.database()).isEqualTo("main");
            assertThat(main.gold().questions()).isEqualTo(2);
            assertThat(main.gold().issues()).extracting(GoldCheck.Issue::questionId).containsExactly("b");
        });
        assertThat(report.problems()).extracting(DatasetDatabasesCheck.Problem::database)
                .containsExactlyInAnyOrder("remote", "lost");
        DatasetDatabasesCheck.Problem remote = report.problems().stream().filter(p -> p.database().equals("remote"))
                .findFirst().orElseThrow();
        assertThat(remote.questionIds()).containsExactly("c");
        assertThat(remote.error().message()).startsWith("database 'remote'").contains("named by question c");
        assertThat(remote.error().remedy()).isNotBlank();
        DatasetDatabasesCheck.Problem lost = report.problems().stream().filter(p -> p.database().equals("lost"))
                .findFirst().orElseThrow();
        assertThat(lost.error().message()).isEqualTo("database 'lost' is not known; named by question d; known"
                + " databases: main, remote");
    }

    @Test
    void theListenerHearsResultsOnEachQuestionsOwnDatabaseButNotOnItsTestSuiteInstances() throws Exception {
        sqlite("main.db", "CREATE TABLE note (id INTEGER); INSERT INTO note VALUES (1);");
        sqlite("other.db", "CREATE TABLE note (id INTEGER); INSERT INTO note VALUES (1), (2);");
        sqlite("other-copy.db", "CREATE TABLE note (id INTEGER); INSERT INTO note VALUES (1), (2), (3);");
        Files.writeString(ws.resolve("dataset.yaml"), """
                questions:
                  - {id: a, question: "?", gold: SELECT id FROM note}
                  - {id: b, question: "?", gold: SELECT id FROM note, database: other}
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: main, type: sqlite, path: main.db}
                databases:
                  - {name: other, type: sqlite, path: other.db, instances: [other-copy.db]}
                dataset: dataset.yaml
                """);
        Workspace workspace = new WorkspaceLoader().load(ws);
        SecretResolver secrets = SecretResolver.none();
        List<String> heard = new ArrayList<>();

        DatasetDatabasesCheck.Report report;
        try (DatabaseBackend main = WorkspaceSession.openDatabase(workspace, secrets, "main");
                QuestionDatabases databases = new QuestionDatabases(workspace, "main", main,
                        name -> WorkspaceSession.openDatabase(workspace, secrets, name), 2)) {
            report = new DatasetDatabasesCheck(new QueryLimits(Duration.ofSeconds(5), 100)).goldCheck(
                    workspace.dataset(), databases, (q, sql, result) -> heard.add(q.id() + ":" + result.rowCount()));
        }

        assertThat(heard).containsExactly("a:1", "b:2");
        assertThat(report.ok()).isTrue();
        assertThat(report.instances()).extracting(DatasetDatabasesCheck.InstanceReport::instance)
                .containsExactly("main", "other", "other-copy.db");
    }

    @Test
    void onlyQuestionsThatNameADatabaseMakeADatasetSpanDatabases() throws Exception {
        sqlite("main.db", "CREATE TABLE note (id INTEGER);");
        Files.writeString(ws.resolve("dataset.yaml"), "questions:\n  - {id: a, question: \"?\", gold: SELECT 1}\n");
        Files.writeString(ws.resolve("querybench.yaml"), "database: {name: main, type: sqlite, path: main.db}\n"
                + "dataset: dataset.yaml\n");
        assertThat(DatasetDatabasesCheck.spansDatabases(new WorkspaceLoader().load(ws).dataset())).isFalse();
        Files.writeString(ws.resolve("dataset.yaml"), "questions:\n  - {id: a, question: \"?\", gold: SELECT 1,"
                + " database: main}\n");
        assertThat(DatasetDatabasesCheck.spansDatabases(new WorkspaceLoader().load(ws).dataset())).isTrue();
    }
}
