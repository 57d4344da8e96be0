package dev.querybench.engine.cli;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.testing.TestDatabases;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.DatabaseUnavailableException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.session.ScoreDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code score} finds each question's database: sql-eval's db_name as the database of that name on
 * the server of a {@code --db} URL (PostgreSQL and MariaDB), Spider's db_id in {@code --db-dir}; a
 * database that is unknown, missing or corrupt makes its items dataset errors while the others are
 * scored and the reports written.
 */
class ScoreDatabasesTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void sqlEvalDbNamesAreTheDatabasesOfThatNameOnTheServer(Dialect dialect) throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(dialect);
        try (TestDatabase shop = create(dialect, server); TestDatabase music = create(dialect, server)) {
            shop.execute("CREATE TABLE product (id INT, price INT)", "INSERT INTO product VALUES (1, 5), (2, 7)");
            music.execute("CREATE TABLE singer (id INT, name VARCHAR(20))",
                    "INSERT INTO singer VALUES (1, 'ann'), (2, 'bob')");
            Path questions = Files.writeString(dir.resolve("questions.csv"), "db_name,query_category,question,query\n"
                    + shop.name() + ",agg,Total price?,SELECT sum(price) FROM product\n"
                    + music.name() + ",list,Singers?,SELECT name FROM singer\n"
                    + "qb_nowhere_db,list,Lost?,SELECT 1\n"
                    + music.name() + ",count,How many singers?,SELECT count(*) FROM singer\n");
            Path predictions = Files.writeString(dir.resolve("pred.json"), JSON.writeValueAsString(Map.of(
                    "0", "SELECT sum(price) FROM product", "1", "SELECT name FROM singer WHERE id = 1",
                    "2", "SELECT 1", "3", "SELECT count(*) FROM singer")));
            ConnectionUrl admin = ConnectionUrl.parse(server.url());
            String serverUrl = ConnectionUrl.server(dialect, admin.host(), admin.portNumber().orElseThrow(), null, null,
                    Map.of()).toJdbcUrl() + "/";
            Map<String, String> env = new HashMap<>();
            // the server's administrator reaches every database; untrusted SQL under it needs the explicit opt-in
            List<String> account = new java.util.ArrayList<>(List.of("--user", server.user(),
                    "--allow-privileged-account"));
            if (!server.password().isEmpty()) {
                env.put("QB_TEST_DB_PASSWORD", server.password());
                account.addAll(List.of("--password-env", "QB_TEST_DB_PASSWORD"));
            }
            CliHarness cli = new CliHarness(dir.resolve("home"), env);
            List<String> args = new java.util.ArrayList<>(List.of("score", "--dataset", questions.toString(),
                    "--predictions", predictions.toString(), "--db", serverUrl, "--mode", "defog", "--out",
                    dir.resolve("out").toString(), "--format", "json"));
            args.addAll(account);
            CliHarness.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("sql-eval CSV, 4 questions").contains("4 items: 2 pass, 1 fail, 1 error")
                    .contains("1 dataset errors").contains("0 gold errors").doesNotContain("Cost");
            JsonNode items = JSON.readTree(dir.resolve("out/results.json").toFile()).get("items");
            assertThat(items.get(2).get("outcome").asText()).isEqualTo("ERROR");
            assertThat(items.get(2).get("reason").asText()).contains("qb_nowhere_db");
            assertThat(items.get(2).get("flags").toString()).contains("dataset-error");
            // a URL naming a database keeps its slashes; questions naming others still reach theirs
            CliHarness.Result named = cli.run(withDb(args, serverUrl + music.name()));
            assertThat(named.out()).as(named.err()).contains("4 items: 2 pass, 1 fail, 1 error");
        }
    }

    private static String[] withDb(List<String> args, String db) {
        List<String> copy = new java.util.ArrayList<>(args);
        copy.set(copy.indexOf("--db") + 1, db);
        return copy.toArray(String[]::new);
    }

    private static TestDatabase create(Dialect dialect, TestServers.Server server) {
        return dialect == PostgresEngine.DIALECT ? PostgresTestDatabase.create(server) : MysqlTestDatabase.create(server);
    }

    @Test
    void unknownMissingAndCorruptDatabasesAreDatasetErrorsAndTheRestIsScored() throws Exception {
        Path databases = dir.resolve("database");
        TestDatabases.sqlite(databases.resolve("ok/ok.sqlite"), "CREATE TABLE t (a INT); INSERT INTO t VALUES (1), (2);");
        Files.createDirectories(databases.resolve("broken"));
        Files.writeString(databases.resolve("broken/broken.sqlite"), "this is not an SQLite file, just text ".repeat(40));
        Files.createDirectories(databases.resolve("empty"));
        Files.write(databases.resolve("empty/empty.sqlite"), new byte[0]);
        Path dev = Files.writeString(dir.resolve("dev.json"), """
                [{"db_id": "ok", "question": "How many?", "query": "SELECT count(*) FROM t"},
                 {"db_id": "broken", "question": "How many?", "query": "SELECT count(*) FROM t"},
                 {"db_id": "nowhere", "question": "How many?", "query": "SELECT count(*) FROM t"},
                 {"db_id": "empty", "question": "How many?", "query": "SELECT count(*) FROM t"},
                 {"db_id": "ok", "question": "Which?", "query": "SELECT a FROM t WHERE a > 1"},
                 {"db_id": "ok", "question": "Bad gold?", "query": "SELECT b FROM t"}]
                """);
        Path predictions = Files.writeString(dir.resolve("pred.txt"), "SELECT count(*) FROM t\n".repeat(4)
                + "SELECT a FROM t\nSELECT 1\n");
        CliHarness cli = new CliHarness(dir.resolve("home"), Map.of());
        CliHarness.Result r = cli.run("score", "--dataset", dev.toString(), "--predictions", predictions.toString(),
                "--db-dir", databases.toString(), "--mode", "spider", "--out", dir.resolve("out").toString(),
                "--format", "json,csv");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Spider JSON, 6 questions").contains("6 items: 1 pass, 1 fail, 4 error")
                .contains("3 dataset errors").contains("1 gold errors").contains("Wrote");
        JsonNode items = JSON.readTree(dir.resolve("out/results.json").toFile()).get("items");
        assertThat(items.get(1).get("reason").asText()).contains("'broken'").contains("cannot be used");
        assertThat(items.get(2).get("reason").asText()).contains("'nowhere'").contains("not known");
        assertThat(items.get(3).get("reason").asText()).contains("holds no tables");
        assertThat(items.get(5).get("flags").toString()).contains("gold-error");
        // each dataset error carries its explanation (what, where, fix) into the reports and the summary
        JsonNode broken = items.get(1).get("errorExplanation");
        assertThat(broken.get("what").asText()).startsWith("database 'broken' cannot be used:");
        assertThat(broken.get("where").asText()).isEqualTo(databases.resolve("broken/broken.sqlite").toString());
        assertThat(broken.get("fix").asText()).isNotBlank();
        JsonNode unknown = items.get(2).get("errorExplanation");
        assertThat(unknown.get("what").asText()).contains("'nowhere' is not known").contains("broken, empty, ok");
        assertThat(unknown.get("where").asText()).isEqualTo("looked in " + databases);
        assertThat(unknown.get("fix").asText()).contains("--db-map nowhere=").contains("--db-dir");
        assertThat(items.get(3).get("errorExplanation").get("what").asText()).contains("holds no tables");
        JsonNode passed = items.get(0).path("errorExplanation");
        assertThat(passed.isNull() || passed.isMissingNode()).as(passed.toString()).isTrue();
        assertThat(r.out()).contains("dataset error: " + databases.resolve("broken/broken.sqlite")
                + ": database 'broken' cannot be used").contains("dataset error: looked in " + databases
                + ": database 'nowhere' is not known").contains("→ correct the question's database name");
        assertThat(Files.readString(dir.resolve("out/results.csv"))).contains("--db-map nowhere=");
        // one SQLite file that is not there: every item is a dataset error, still with reports
        CliHarness.Result missing = cli.run("score", "--dataset", dev.toString(), "--predictions",
                predictions.toString(), "--db", dir.resolve("gone.sqlite").toString(), "--out",
                dir.resolve("out2").toString());
        assertThat(missing.exitCode()).isZero();
        assertThat(missing.out()).contains("6 items: 0 pass, 0 fail, 6 error").contains("6 dataset errors")
                .contains("dataset error: jdbc:sqlite:" + dir.resolve("gone.sqlite") + ": database 'ok' cannot be used")
                .contains("gone.sqlite does not exist — questions (0, 4, 5)");
        assertThat(dir.resolve("out2/results.json")).exists();
    }

    @Test
    void workspaceProfilesAndAnExplicitMappingNameTheDatabases() throws Exception {
        Path ws = dir.resolve("ws");
        TestDatabases.sqlite(ws.resolve("shop.db"), "CREATE TABLE t (a INT); INSERT INTO t VALUES (1), (2), (3);");
        TestDatabases.sqlite(dir.resolve("elsewhere.sqlite"), "CREATE TABLE t (a INT); INSERT INTO t VALUES (7);");
        Files.writeString(ws.resolve("dataset.yaml"), "questions: [{id: a, question: '?', gold: SELECT 1}]\n");
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: shop, type: sqlite, path: shop.db}
                dataset: dataset.yaml
                """);
        Path dev = Files.writeString(dir.resolve("dev.jsonl"), """
                {"id": "1", "question": "How many?", "gold": "SELECT count(*) FROM t", "database": "shop"}
                {"id": "2", "question": "Which?", "gold": "SELECT a FROM t", "database": "other"}
                {"id": "3", "question": "How many here?", "gold": "SELECT count(*) FROM t"}
                """);
        Path predictions = Files.writeString(dir.resolve("pred.json"),
                "{\"1\": \"SELECT count(*) FROM t\", \"2\": \"SELECT 7\", \"3\": \"SELECT 3\"}");
        CliHarness cli = new CliHarness(dir.resolve("home"), Map.of());
        CliHarness.Result r = cli.run("score", "--dataset", dev.toString(), "--predictions", predictions.toString(),
                "--workspace", ws.toString(), "--db-map", "other=jdbc:sqlite:" + dir.resolve("elsewhere.sqlite"),
                "--mode", "bird", "--compare", "strict");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("native JSONL, 3 questions").contains("3 items: 3 pass, 0 fail, 0 error")
                .contains("Items judged differently by bird and strict: 0");
        CliHarness.Result wrongOption = cli.run("score", "--dataset", dev.toString(), "--predictions",
                predictions.toString(), "--workspace", ws.toString(), "--plug-value");
        assertThat(wrongOption.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(wrongOption.err()).contains("--keep-distinct and --plug-value are options of the spider mode");
        for (String absurd : List.of("0", "100000")) {
            CliHarness.Result refused = cli.run("score", "--dataset", dev.toString(), "--predictions",
                    predictions.toString(), "--workspace", ws.toString(), "--parallel", absurd);
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.CONFIG);
            assertThat(refused.err()).contains("--parallel must be between 1 and 256 (was " + absurd + ")");
        }
    }

    @Test
    void aDatabaseThatFailedToOpenIsNotOpenedAgainByTheWorkersThatWaitedForIt() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        ScoreDatabases databases = new ScoreDatabases(List.of(name -> Optional.of(List.of(new ScoreDatabases.Opener(
                name, "nowhere/" + name, () -> {
                    opens.incrementAndGet();
                    sleep(300); // the other workers reach the database's lock meanwhile
                    throw new DatabaseUnavailableException(name, "nowhere/" + name, "unreachable", "start it");
                })))));
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try (databases) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Throwable>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String question = "q" + i;
                outcomes.add(workers.submit(() -> {
                    start.await();
                    try {
                        databases.of(question, "lost");
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            for (Future<Throwable> outcome : outcomes) {
                assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(DatabaseUnavailableException.class)
                        .hasMessageContaining("lost");
            }
            assertThat(opens.get()).isEqualTo(1);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void aDatabaseThatOpensWhileTheyCloseIsClosedAtOnceAndNothingOpensAfter() throws Exception {
        Path file = TestDatabases.sqlite(dir.resolve("late.sqlite"), "CREATE TABLE t (a INT);");
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch closedMeanwhile = new CountDownLatch(1);
        AtomicBoolean backendClosed = new AtomicBoolean();
        ConnectionProfile profile = new ConnectionProfile("late", SqliteEngine.DIALECT, "jdbc:sqlite:" + file, null, null);
        ScoreDatabases databases = new ScoreDatabases(List.of(ScoreDatabases.single("late", "jdbc:sqlite:" + file,
                () -> {
                    opening.countDown();
                    await(closedMeanwhile);
                    return new Watched(DatabaseBackends.open(profile), backendClosed);
                })));
        CompletableFuture<ScoreDatabases.Target> late = CompletableFuture.supplyAsync(() -> databases.of("q1", "late"));
        assertThat(opening.await(10, TimeUnit.SECONDS)).isTrue();

        databases.close();
        closedMeanwhile.countDown();

        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(backendClosed).isTrue();
        assertThatThrownBy(() -> databases.of("q2", "late")).isInstanceOf(IllegalStateException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A backend that says when it is closed. */
    private record Watched(DatabaseBackend backend, AtomicBoolean closed) implements DatabaseBackend {
        @Override
        public Dialect dialect() {
            return backend.dialect();
        }

        @Override
        public SchemaSnapshot introspect() {
            return backend.introspect();
        }

        @Override
        public QueryResult sampleRows(String table, int limit) {
            return backend.sampleRows(table, limit);
        }

        @Override
        public QueryResult executeReadOnly(String sql, QueryLimits limits) {
            return backend.executeReadOnly(sql, limits);
        }

        @Override
        public String serverVersion() {
            return backend.serverVersion();
        }

        @Override
        public void close() {
            closed.set(true);
            backend.close();
        }
    }
}
