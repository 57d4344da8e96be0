package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.OrderDetector;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.validation.GoldCheck;
import dev.querybench.engine.validation.SchemaVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DatabaseBackend} must do, run against a real server by each vendor's test
 * class: read-only sessions, a timeout that stops the query on the server, a row cap over a
 * streamed result, classified errors, introspection and a shared pool. The database is loaded
 * from one portable definition with {@link DatasetDatabaseLoader}, so the loader is exercised on
 * every engine too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseBackendContract {

    static final String SCHEMA = """
            CREATE TABLE parent (
                id INTEGER NOT NULL,
                name VARCHAR(20) NOT NULL,
                PRIMARY KEY (id)
            );
            CREATE TABLE t (
                id INTEGER NOT NULL,
                label VARCHAR(20),
                parent_id INTEGER,
                amount DECIMAL(10,2),
                created DATE,
                PRIMARY KEY (id),
                FOREIGN KEY (parent_id) REFERENCES parent (id)
            );
            CREATE TABLE numbers (
                n INTEGER NOT NULL,
                PRIMARY KEY (n)
            );
            """;

    static final String DATA = """
            INSERT INTO parent (id, name) VALUES (1, 'first'), (2, 'second');
            INSERT INTO t (id, label, parent_id, amount, created) VALUES
            (1, 'one', 1, 1.50, '2024-01-01'),
            (2, 'two', 1, NULL, NULL),
            (3, 'it''s three', 2, 3.00, '2024-03-01');
            """ + numbers();

    protected static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(20), 1_000);

    protected TestDatabase db;
    protected DatabaseBackend backend;
    protected SafeExecutor safe;
    protected LoadReport loaded;

    /** A fresh database on the vendor's server; skipped (or failed in CI) when there is none. */
    protected abstract TestDatabase createDatabase();

    /** Queries that would run for minutes; each contains {@code marker} so the server can be asked about it. */
    protected abstract List<String> runawayQueries(String marker);

    /** How {@link DatabaseBackend#serverVersion()} starts. */
    protected abstract String versionPrefix();

    /**
     * Whether interrupting the thread that runs a query stops the query on the server too. Not on
     * PostgreSQL and MariaDB: the interrupt closes the virtual thread's socket at once, after which
     * their drivers no longer send a cancel, so the server stops the query at its own statement timeout.
     */
    protected boolean interruptStopsTheServerQuery() {
        return true;
    }

    /** Whether the engine keeps declared primary and foreign keys (Trino does not). */
    protected boolean declaresKeys() {
        return true;
    }

    @BeforeAll
    void openDatabase() {
        db = createDatabase();
        loaded = new DatasetDatabaseLoader(Clock.systemUTC()).load(db.writable(),
                DatabaseDefinition.fromScripts("contract", SCHEMA, DATA));
        backend = DatabaseBackends.open(db.readOnly().withPool(new PoolSettings(4, Duration.ofSeconds(10))));
        safe = new SafeExecutor(backend);
    }

    @AfterAll
    void closeDatabase() {
        if (backend != null) {
            backend.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void thePortableDefinitionLoadsWithIntactData() {
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.action()).isEqualTo(LoadReport.Action.CREATED);
        assertThat(loaded.rowCounts()).containsEntry("t", 3L).containsEntry("numbers", 1_000L);
        LoadReport again = new DatasetDatabaseLoader(Clock.systemUTC()).load(db.writable(),
                DatabaseDefinition.fromScripts("contract", SCHEMA, DATA));
        assertThat(again.action()).isEqualTo(LoadReport.Action.UNCHANGED);
        assertThat(again.version()).isEqualTo(loaded.version());
    }

    @Test
    void runsAQueryAndReadsColumnsAndRows() {
        QueryResult r = safe.execute("SELECT id, label FROM t ORDER BY id", LIMITS);
        assertThat(r.columns()).map(c -> c.toLowerCase(Locale.ROOT)).containsExactly("id", "label");
        assertThat(r.rows()).extracting(row -> ((Number) row.getFirst()).intValue()).containsExactly(1, 2, 3);
        assertThat(r.rows().get(2).get(1)).isEqualTo("it's three");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void theDatabaseLayerAloneRefusesWrites() {
        for (String write : List.of("DELETE FROM t", "INSERT INTO t (id, label) VALUES (9, 'nine')",
                "UPDATE t SET label = 'x'", "DROP TABLE t", "CREATE TABLE intruder (a INTEGER)")) {
            assertThatThrownBy(() -> backend.executeReadOnly(write, LIMITS))
                    .as(write).isInstanceOf(QueryExecutionException.class);
        }
        assertThat(db.count("t")).isEqualTo(3);
        assertThat(backend.tableNames()).map(n -> n.toLowerCase(Locale.ROOT)).doesNotContain("intruder").contains("t");
    }

    @Test
    void theSafeExecutorRefusesWritesBeforeTheyReachTheDatabase() {
        for (String write : List.of("DELETE FROM t", "SELECT 1; DELETE FROM t", "DROP TABLE t")) {
            assertThatThrownBy(() -> safe.execute(write, LIMITS))
                    .isInstanceOfSatisfying(QueryExecutionException.class,
                            e -> assertThat(e.failure()).isEqualTo(QueryFailure.REFUSED));
        }
        assertThat(db.count("t")).isEqualTo(3);
    }

    @Test
    void aRunawayQueryIsStoppedOnTheServerWithinTheTimeoutPlusOneSecond() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        for (String marker : List.of("qb_runaway_" + UUID.randomUUID().toString().replace("-", ""))) {
            for (String sql : runawayQueries(marker)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> safe.execute(sql, new QueryLimits(timeout, 10)))
                        .as(sql).isInstanceOfSatisfying(QueryExecutionException.class,
                                e -> assertThat(e.failure()).isEqualTo(QueryFailure.TIMEOUT));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(sql)
                        .isLessThan(timeout.plusSeconds(1));
                assertStopsRunning(marker);
            }
        }
        assertThat(safe.execute("SELECT COUNT(*) FROM t", LIMITS).rows().getFirst().getFirst())
                .satisfies(v -> assertThat(((Number) v).intValue()).isEqualTo(3));
    }

    @Test
    void aRunawayQueryWhoseThreadIsInterruptedIsStoppedOnTheServer() throws Exception {
        // a cancelled run interrupts its items' virtual threads: their queries stop long before the timeout
        QueryLimits patient = new QueryLimits(Duration.ofSeconds(60), 10);
        String marker = "qb_interrupted_" + UUID.randomUUID().toString().replace("-", "");
        String sql = runawayQueries(marker).getFirst();
        java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
        Thread item = Thread.ofVirtual().start(() -> {
            try {
                safe.execute(sql, patient);
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!db.isRunning(marker).orElse(true) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        item.interrupt();
        assertThat(failure.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(sql)
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e).hasMessageContaining("interrupted: the work was cancelled"));
        if (interruptStopsTheServerQuery()) {
            assertStopsRunning(marker);
        }
        assertThat(safe.execute("SELECT COUNT(*) FROM t", LIMITS).rows().getFirst().getFirst())
                .satisfies(v -> assertThat(((Number) v).intValue()).isEqualTo(3));
    }

    @Test
    void anInterruptedCallerGetsNoQueryRun() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> safe.execute("SELECT COUNT(*) FROM t", LIMITS))
                    .isInstanceOfSatisfying(QueryExecutionException.class,
                            e -> assertThat(e).hasMessageContaining("interrupted: the work was cancelled"));
            assertThat(Thread.currentThread().isInterrupted()).as("the caller stays interrupted").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private void assertStopsRunning(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (db.isRunning(marker).orElse(false)) {
            assertThat(System.nanoTime()).as("the server still runs the query after it was cancelled")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void theRowCapCutsALargeStreamedResultAndSaysSo() {
        QueryResult capped = safe.execute("SELECT a.n, b.n FROM numbers a CROSS JOIN numbers b",
                new QueryLimits(Duration.ofSeconds(30), 100));
        assertThat(capped.rowCount()).isEqualTo(100);
        assertThat(capped.truncated()).isTrue();
        QueryResult exact = safe.execute("SELECT n FROM numbers WHERE n <= 100", new QueryLimits(Duration.ofSeconds(30),
                100));
        assertThat(exact.rowCount()).isEqualTo(100);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void streamingHandsEveryRowToTheSinkBeyondTheRowCapUpToItsOwnLimit() {
        QueryLimits capOfTen = new QueryLimits(Duration.ofSeconds(30), 10);
        List<Long> seen = new java.util.ArrayList<>();
        List<String> labels = new java.util.ArrayList<>();
        RowSink collect = new RowSink() {
            @Override
            public void columns(List<String> columns) {
                labels.addAll(columns);
            }

            @Override
            public boolean row(Object[] values) {
                seen.add(((Number) values[0]).longValue());
                return true;
            }
        };
        StreamedRows all = safe.stream("SELECT n FROM numbers ORDER BY n", capOfTen, 5_000, collect);
        assertThat(all.rows()).isEqualTo(1_000);
        assertThat(all.truncated()).isFalse();
        assertThat(labels).map(c -> c.toLowerCase(Locale.ROOT)).containsExactly("n");
        assertThat(seen).hasSize(1_000).startsWith(1L, 2L).endsWith(1_000L);
        seen.clear();
        StreamedRows limited = safe.stream("SELECT n FROM numbers ORDER BY n", capOfTen, 250, collect);
        assertThat(limited.rows()).isEqualTo(250);
        assertThat(limited.truncated()).isTrue();
        assertThat(seen).hasSize(250);
        assertThatThrownBy(() -> safe.stream("DELETE FROM t", capOfTen, 5_000, collect))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.REFUSED));
        assertThat(db.count("t")).isEqualTo(3);
    }

    /** A query returning one text value of {@code chars} characters. */
    protected abstract String bigValueQuery(int chars);

    @Test
    void aValueLargerThanTheByteLimitFailsAndALargeResultIsCutAtItsByteLimit() {
        QueryLimits small = LIMITS.withBytes(1_000_000, 2_000);
        assertThat(safe.execute(bigValueQuery(500_000), LIMITS.withBytes(1_000_000, 10_000_000)).rows().getFirst().getFirst().toString()).hasSize(500_000);
        assertThatThrownBy(() -> safe.execute(bigValueQuery(2_000_000), LIMITS.withBytes(1_000_000, 10_000_000)))
                .isInstanceOfSatisfying(QueryExecutionException.class, e -> {
                    assertThat(e.failure()).isEqualTo(QueryFailure.RUNTIME);
                    assertThat(e.getMessage()).contains("bytes per value");
                });
        QueryResult cut = safe.execute("SELECT n FROM numbers ORDER BY n", small);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.rows()).hasSizeBetween(50, 200);
    }

    @Test
    void errorsAreClassified() {
        assertFailure("SELECT nope FROM t", QueryFailure.SCHEMA);
        assertFailure("SELECT * FROM missing_table", QueryFailure.SCHEMA);
        assertFailure("SELECT id FROM t WHERE", QueryFailure.SYNTAX);
        assertThatThrownBy(() -> safe.execute("SELEC 1", LIMITS)).isInstanceOfSatisfying(QueryExecutionException.class,
                e -> assertThat(e.failure()).isEqualTo(QueryFailure.SYNTAX));
    }

    private void assertFailure(String sql, QueryFailure expected) {
        assertThatThrownBy(() -> backend.executeReadOnly(sql, LIMITS)).as(sql)
                .isInstanceOfSatisfying(QueryExecutionException.class, e -> {
                    assertThat(e.failure()).isEqualTo(expected);
                    assertThat(e.error().message()).isNotBlank();
                });
    }

    @Test
    void introspectionReadsTablesColumnsTypesAndKeys() {
        SchemaSnapshot schema = backend.introspect();
        assertThat(schema.dialect()).isEqualTo(backend.dialect());
        assertThat(schema.tables()).extracting(tb -> tb.name().toLowerCase(Locale.ROOT))
                .containsExactly("numbers", "parent", "t");
        SchemaSnapshot.Table t = schema.table("t").orElseThrow();
        assertThat(t.columns()).extracting(c -> c.name().toLowerCase(Locale.ROOT))
                .containsExactly("id", "label", "parent_id", "amount", "created");
        assertThat(t.columns().get(1).type()).contains("VARCHAR").contains("20");
        assertThat(t.columns().get(3).type()).containsAnyOf("DECIMAL", "NUMERIC").contains("10").contains("2");
        assertThat(t.columns().get(4).type()).isEqualTo("DATE");
        assertThat(t.columns().get(0).nullable()).isFalse();
        assertThat(t.columns().get(1).nullable()).isTrue();
        if (declaresKeys()) {
            assertThat(t.primaryKey()).map(c -> c.toLowerCase(Locale.ROOT)).containsExactly("id");
            assertThat(t.foreignKeys()).singleElement().satisfies(fk -> {
                assertThat(fk.referencedTable().toLowerCase(Locale.ROOT)).isEqualTo("parent");
                assertThat(fk.columns()).map(c -> c.toLowerCase(Locale.ROOT)).containsExactly("parent_id");
            });
        } else {
            assertThat(t.primaryKey()).isEmpty();
        }
        assertThat(new SchemaCache(backend).get().tables()).hasSize(3);
        String compact = new SchemaRenderer().compact(schema).toLowerCase(Locale.ROOT);
        assertThat(compact.lines()).hasSize(3).anyMatch(l -> l.startsWith("t(id "));
        String ddl = new SchemaRenderer().ddl(schema).toLowerCase(Locale.ROOT);
        assertThat(ddl).contains("create table t (", "label varchar");
        if (declaresKeys()) {
            assertThat(compact).contains("id int").contains(" pk").contains("parent_id int")
                    .contains("-> parent.id");
            assertThat(ddl).contains("foreign key (parent_id) references parent (id)");
        } else {
            assertThat(compact).doesNotContain("->");
        }
    }

    @Test
    void sampleRowsReadAFewRowsOfATable() {
        QueryResult rows = backend.sampleRows("t", 2);
        assertThat(rows.rowCount()).isEqualTo(2);
        assertThat(rows.columns()).hasSize(5);
    }

    @Test
    void theServerVersionNamesTheEngine() {
        assertThat(backend.serverVersion()).startsWith(versionPrefix()).matches(".*\\d.*");
    }

    @Test
    void concurrentQueriesShareTheBoundedPool() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<QueryResult>> results = new ArrayList<>();
            IntStream.range(0, 12).forEach(i -> results.add(threads.submit(() ->
                    safe.execute("SELECT COUNT(*) FROM numbers WHERE n > " + i, LIMITS))));
            for (int i = 0; i < results.size(); i++) {
                assertThat(((Number) results.get(i).get().rows().getFirst().getFirst()).intValue()).isEqualTo(1_000 - i);
            }
        } finally {
            threads.shutdownNow();
        }
        PoolStats stats = backend.poolStats();
        assertThat(stats.maximumSize()).isEqualTo(4);
        assertThat(stats.total()).isBetween(0, 4);
        assertThat(stats.active()).isZero();
    }

    /**
     * The sample workspace's database loads into this engine from its one portable definition, and
     * every gold query (the engine's own alternative where the dataset gives one) runs, returns rows
     * and returns the same rows as on SQLite, the dataset's home engine.
     */
    @Test
    void theSampleDatasetLoadsAndItsGoldSqlGivesTheSameAnswersAsOnSqlite(@TempDir Path dir) throws Exception {
        Workspace workspace = SampleFixture.workspace(dir.resolve("workspace"));
        DatabaseDefinition definition = DatabaseDefinition.fromScripts("ridgeline",
                Files.readString(workspace.resolve("db/schema.sql")), Files.readString(workspace.resolve("db/data.sql")));
        QueryLimits limits = new QueryLimits(Duration.ofSeconds(60), 10_000);
        try (TestDatabase sample = createDatabase()) {
            DatasetDatabaseLoader loader = new DatasetDatabaseLoader(Clock.systemUTC());
            LoadReport report = loader.load(sample.writable(), definition);
            assertThat(report.problems()).isEmpty();
            assertThat(report.rowCounts()).containsEntry("orders", 1_000L).containsEntry("order_items", 2_240L);
            assertThat(loader.load(sample.writable(), definition).action()).isEqualTo(LoadReport.Action.UNCHANGED);
            try (DatabaseBackend engine = DatabaseBackends.open(sample.readOnly());
                    WorkspaceSession home = SampleFixture.session(dir.resolve("sqlite"))) {
                SafeExecutor executor = new SafeExecutor(engine);
                ResultComparator comparator = new ResultComparator(1e-6);
                OrderDetector order = new OrderDetector();
                List<String> differences = new ArrayList<>();
                GoldCheck.Report gold = new GoldCheck(executor, limits).run(workspace.dataset(), (q, sql, result) -> {
                    if (!sql.equals(q.goldFor(engine.dialect()).getFirst())) {
                        return;
                    }
                    QueryResult expected = home.executor().execute(q.primaryGold(), limits);
                    Verdict v = comparator.compare(expected, result, order.isOrdered(sql));
                    if (v.outcome() != Outcome.PASS) {
                        differences.add(q.id() + ": " + v.reason() + " missing " + v.missingRows() + " extra "
                                + v.extraRows());
                    }
                });
                assertThat(gold.issues()).as("gold-check on " + engine.dialect()).isEmpty();
                assertThat(new SchemaVerifier().verify(workspace.dataset(), engine.introspect(), engine.serverVersion())
                        .ok()).as("schema verification").isTrue();
                assertThat(gold.questions()).isEqualTo(54);
                assertThat(differences).as("answers that differ from SQLite's").isEmpty();
            }
        }
    }

    private static String numbers() {
        StringBuilder out = new StringBuilder();
        for (int block = 0; block < 5; block++) {
            out.append("INSERT INTO numbers (n) VALUES ");
            for (int i = 1; i <= 200; i++) {
                out.append(i == 1 ? "" : ", ").append('(').append(block * 200 + i).append(')');
            }
            out.append(";\n");
        }
        return out.toString();
    }
}
