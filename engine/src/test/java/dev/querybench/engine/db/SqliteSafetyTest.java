package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The escapes known to work against a read-only SQLite open, each tried through the safe
 * executor and through the backend alone (database layer only); the data is read back after.
 */
class SqliteSafetyTest {

    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(2), 100);

    @TempDir
    Path dir;
    Path db;
    SqliteBackend backend;
    SafeExecutor safe;

    @BeforeEach
    void setUp() throws Exception {
        Path script = dir.resolve("schema.sql");
        Files.writeString(script, """
                CREATE TABLE t (id INTEGER PRIMARY KEY, label VARCHAR(20));
                INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');
                """);
        db = dir.resolve("data.db");
        new SqliteDatabaseBuilder().buildIfMissing(db, List.of(script));
        Files.writeString(dir.resolve("other.db"), "");
        backend = new SqliteBackend(db, 2);
        safe = new SafeExecutor(backend);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DELETE FROM t",
        "VACUUM INTO '%DIR%/copy.db'",
        "ATTACH '%DIR%/other.db' AS o",
        "PRAGMA query_only=OFF; DELETE FROM t",
        "SELECT 1; DELETE FROM t",
        "DROP TABLE t",
        "CREATE TABLE x (a INTEGER)",
        "INSERT INTO t VALUES (9, 'nine')",
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
        "SELECT writefile('%DIR%/out.txt', 'x')",
    })
    void everyEscapeLeavesTheDataIntact(String attack) throws Exception {
        String sql = attack.replace("%DIR%", dir.toString());
        assertThatThrownBy(() -> safe.execute(sql, LIMITS))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isIn(QueryFailure.REFUSED, QueryFailure.SYNTAX));
        try {
            backend.executeReadOnly(sql, LIMITS);
        } catch (QueryExecutionException expected) {
            // the database layer refusing on its own is what we want to see
        }
        assertThat(rowsInT()).isEqualTo(3);
        assertThat(dir.resolve("copy.db")).doesNotExist();
        assertThat(dir.resolve("out.txt")).doesNotExist();
    }

    @Test
    void databaseLayerAloneRefusesWritesAttachAndVacuumInto() {
        for (String sql : List.of("DELETE FROM t", "ATTACH '" + dir.resolve("other.db") + "' AS o",
                "VACUUM INTO '" + dir.resolve("copy.db") + "'")) {
            assertThatThrownBy(() -> backend.executeReadOnly(sql, LIMITS)).isInstanceOf(QueryExecutionException.class);
        }
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

    @Test
    void stackedStatementsThroughExecuteRunOnlyTheFirstAndCannotWrite() throws Exception {
        QueryResult r = backend.executeReadOnly("SELECT COUNT(*) FROM t; DELETE FROM t", LIMITS);
        assertThat(r.rows().getFirst().getFirst()).isEqualTo(3);
        assertThat(rowsInT()).isEqualTo(3);
    }

    @Test
    void aRunawayQueryIsStoppedWithinTheTimeoutPlusOneSecond() {
        String forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
        long start = System.nanoTime();
        assertThatThrownBy(() -> safe.execute(forever, new QueryLimits(Duration.ofSeconds(1), 10)))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(safe.execute("SELECT COUNT(*) FROM t", LIMITS).rows().getFirst().getFirst()).isEqualTo(3);
    }

    @Test
    void theDatabaseLayerAloneStopsARunawayQueryWithinTheTimeoutPlusOneSecond() {
        String forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
        long start = System.nanoTime();
        assertThatThrownBy(() -> backend.executeReadOnly(forever, new QueryLimits(Duration.ofSeconds(1), 10)))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theRowCapCutsLargeResultsAndSaysSo() {
        String many = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) SELECT x FROM c";
        QueryResult r = safe.execute(many, new QueryLimits(Duration.ofSeconds(5), 100));
        assertThat(r.rowCount()).isEqualTo(100);
        assertThat(r.truncated()).isTrue();
        QueryResult small = safe.execute("SELECT id, label FROM t ORDER BY id", LIMITS);
        assertThat(small.truncated()).isFalse();
        assertThat(small.columns()).containsExactly("id", "label");
    }

    @Test
    void errorsAreClassified() {
        assertThatThrownBy(() -> safe.execute("SELECT nope FROM t", LIMITS))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.SCHEMA));
        assertThatThrownBy(() -> safe.execute("SELECT * FROM missing_table", LIMITS))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.SCHEMA));
        assertThatThrownBy(() -> safe.execute("SELEC 1", LIMITS))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.SYNTAX));
    }

    @Test
    void introspectionReadsTablesColumnsAndKeys() {
        SchemaSnapshot schema = backend.introspect();
        assertThat(schema.tables()).extracting(SchemaSnapshot.Table::name).containsExactly("t");
        SchemaSnapshot.Table t = schema.table("T").orElseThrow();
        assertThat(t.columns()).extracting(SchemaSnapshot.Column::name).containsExactly("id", "label");
        assertThat(t.primaryKey()).containsExactly("id");
        assertThat(new SchemaRenderer().ddl(schema)).contains("CREATE TABLE t (", "PRIMARY KEY (id)");
        assertThat(backend.serverVersion()).startsWith("SQLite 3.");
    }

    @Test
    void aMissingOrBrokenFileGetsAClearMessage() throws Exception {
        assertThatThrownBy(() -> new SqliteBackend(dir.resolve("absent.db"), 1))
                .hasMessageContaining("does not exist");
        Path garbage = dir.resolve("garbage.db");
        Files.writeString(garbage, "this is not a database, just some text that is long enough ".repeat(20));
        assertThatThrownBy(() -> {
            try (SqliteBackend b = new SqliteBackend(garbage, 1)) {
                b.introspect();
            }
        }).hasMessageContaining("garbage.db");
    }

    private int rowsInT() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
