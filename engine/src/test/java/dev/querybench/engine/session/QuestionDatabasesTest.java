package dev.querybench.engine.session;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a question's database name resolves, on real SQLite files. */
class QuestionDatabasesTest {

    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(5), 10);

    @TempDir
    Path ws;

    private void sqlite(String relative, String marker) {
        TestDatabases.sqlite(ws.resolve(relative), "CREATE TABLE m (v TEXT); INSERT INTO m VALUES ('" + marker + "');");
    }

    private static Question asking(String database) {
        return new Question("q-" + database, "?", List.of("SELECT v FROM m"), "", List.of(), null, database);
    }

    private static String marker(QuestionDatabases.Instance instance) {
        return (String) instance.executor().execute("SELECT v FROM m", LIMITS).rows().getFirst().getFirst();
    }

    @Test
    void profilesComeFirstThenSpiderAndBirdFoldersNextToTheDataset() throws Exception {
        sqlite("main.db", "main");
        sqlite("twin.db", "profile twin");
        sqlite("data/database/twin/twin.sqlite", "folder twin");
        sqlite("data/database/concert/concert.sqlite", "spider concert");
        sqlite("data/database/concert/concert_b.sqlite", "spider concert b");
        sqlite("data/dev_databases/books/books.sqlite", "bird books");
        Files.writeString(ws.resolve("data/dev.json"), "[{\"db_id\": \"concert\", \"question\": \"?\", \"query\": \"SELECT 1\"}]");
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: main, type: sqlite, path: main.db}
                databases: [{name: twin, type: sqlite, path: twin.db}]
                dataset: data/dev.json
                """);
        try (WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(ws), new SecretResolver(Map.of()),
                Clock.systemUTC())) {
            QuestionDatabases databases = session.databases();
            assertThat(marker(databases.of(asking("")).main())).isEqualTo("main");
            assertThat(databases.of(asking("")).main().backend()).isSameAs(session.backend());
            assertThat(marker(databases.of(asking("main")).main())).isEqualTo("main");
            assertThat(marker(databases.of(asking("twin")).main())).isEqualTo("profile twin");
            assertThat(marker(databases.of(asking("books")).main())).isEqualTo("bird books");
            QuestionDatabases.Target concert = databases.of(asking("concert"));
            assertThat(concert.instances()).extracting(QuestionDatabases.Instance::name)
                    .containsExactly("concert.sqlite", "concert_b.sqlite");
            assertThat(concert.instances()).extracting(QuestionDatabasesTest::marker)
                    .containsExactly("spider concert", "spider concert b");
            assertThat(databases.of(asking("concert"))).isSameAs(concert);
            assertThat(databases.knownNames()).containsExactly("main", "twin", "concert", "books");
            assertThatThrownBy(() -> databases.of(new Question("7", "?", List.of("SELECT 1"), "", List.of(), null,
                    "../main"))).isInstanceOf(UnknownDatabaseException.class)
                    .hasMessage("question 7 names database '../main', which is not known; known databases: main, twin,"
                            + " concert, books");
        }
    }

    @Test
    void aNameNoProfileOrFileKnowsIsTheDatabaseOfThatNameOnTheDefaultDatabasesServer() throws Exception {
        dev.querybench.engine.testing.db.TestServers.Server server = dev.querybench.engine.testing.db.TestServers
                .fromEnvironment().require(PostgresEngine.DIALECT);
        try (var main = dev.querybench.engine.testing.db.PostgresTestDatabase.create(server);
                var other = dev.querybench.engine.testing.db.PostgresTestDatabase.create(server)) {
            main.execute("CREATE TABLE m (v TEXT)", "INSERT INTO m VALUES ('main on the server')");
            other.execute("CREATE TABLE m (v TEXT)", "INSERT INTO m VALUES ('other on the server')");
            Files.writeString(ws.resolve("dataset.yaml"), "questions: [{id: a, question: '?', gold: SELECT 1}]\n");
            Files.writeString(ws.resolve("querybench.yaml"), "database: {name: main, url: \"" + main.readOnly().jdbcUrl()
                    + "\", username: " + server.user() + (server.password().isEmpty() ? "" : ", password: {env: PW}")
                    + ", allowPrivilegedAccount: true}\ndataset: dataset.yaml\n");
            try (WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(ws),
                    new SecretResolver(Map.of("PW", server.password())), Clock.systemUTC())) {
                QuestionDatabases databases = session.databases();
                assertThat(marker(databases.of(asking("")).main())).isEqualTo("main on the server");
                assertThat(marker(databases.of(asking(other.name())).main())).isEqualTo("other on the server");
                Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() -> databases.of(
                        asking("qb_no_such_database")));
                assertThat(missing).isInstanceOf(dev.querybench.engine.db.DatabaseUnavailableException.class)
                        .hasMessageContaining("qb_no_such_database");
                // tried once: the same answer again, without connecting
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> databases.of(
                        asking("qb_no_such_database")))).isSameAs(missing);
            }
        }
    }
}
