package dev.querybench.engine.validation;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaVerifierTest {

    private final SchemaVerifier verifier = new SchemaVerifier();

    @Test
    void theSampleDatabaseHasEverythingItsGoldSqlReads(@TempDir Path dir) {
        try (WorkspaceSession session = SampleFixture.session(dir)) {
            Workspace ws = session.workspace();
            SchemaVerifier.Report report = verifier.verify(ws.dataset(), session.backend().introspect(),
                    session.backend().serverVersion());
            assertThat(report.unparsed()).isEmpty();
            assertThat(report.missingTables()).isEmpty();
            assertThat(report.missingColumns()).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.tablesNeeded()).hasSize(13);
        }
    }

    @Test
    void missingTablesAndColumnsAreNamedWithAQuestionThatNeedsThem() {
        SchemaSnapshot schema = new SchemaSnapshot(PostgresEngine.DIALECT, List.of(
                table("customers", "customer_id", "name"),
                table("orders", "order_id", "customer_id")));
        Dataset dataset = new Dataset("d", null, List.of(
                new Question("q1", "?", List.of("SELECT c.name, o.total FROM customers c JOIN orders o"
                        + " ON o.customer_id = c.customer_id"), null, null, null),
                new Question("q2", "?", List.of("WITH big AS (SELECT customer_id, COUNT(*) AS n FROM orders"
                        + " GROUP BY customer_id) SELECT n, nickname FROM big JOIN customers USING (customer_id)"
                        + " ORDER BY n"), null, null, null),
                new Question("q3", "?", List.of("SELECT * FROM refunds"), null, null, null,
                        Map.of(PostgresEngine.DIALECT, List.of("SELECT * FROM refunds_pg"))),
                new Question("q4", "?", List.of("SELEC nonsense"), null, null, null)),
                Map.of("postgresql", "16"));
        SchemaVerifier.Report report = verifier.verify(dataset, schema, "PostgreSQL 15.20");
        assertThat(report.ok()).isFalse();
        assertThat(report.missingTables()).containsExactly("refunds_pg (question q3)");
        assertThat(report.missingColumns()).containsExactly("customers|orders.nickname (question q2)",
                "orders.total (question q1)");
        assertThat(report.unparsed()).singleElement().satisfies(u -> assertThat(u).startsWith("q4: cannot parse"));
        assertThat(report.versionProblem()).hasValue("the dataset needs postgresql 16 or newer; the server is"
                + " PostgreSQL 15.20");
        assertThat(verifier.verify(dataset, schema, "MariaDB 10.11.19").versionProblem()).isEmpty();
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(SchemaVerifier.compare("8.0.31", "8.0.4")).isPositive();
        assertThat(SchemaVerifier.compare("10.11", "10.11.0")).isZero();
        assertThat(SchemaVerifier.compare("9", "10")).isNegative();
    }

    @Test
    void referencesIgnoreNamesTheQueryDefinesItself() {
        SqlReferences refs = SqlReferences.of("WITH s(total) AS (SELECT SUM(amount) FROM payments)"
                + " SELECT t.x AS y, total FROM (SELECT 1 AS x) t, s ORDER BY y");
        assertThat(refs.tables()).containsExactly("payments");
        assertThat(refs.columns()).extracting(SqlReferences.ColumnReference::column).containsExactly("amount");
        assertThatThrownBy(() -> SqlReferences.of("SELEC")).hasMessageContaining("cannot parse");
    }

    private static SchemaSnapshot.Table table(String name, String... columns) {
        return new SchemaSnapshot.Table(name, java.util.Arrays.stream(columns)
                .map(c -> new SchemaSnapshot.Column(c, "INTEGER", true)).toList(), List.of(), List.of());
    }
}
