package dev.querybench.engine.testsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.evaluation.sql.TestSuiteEvaluator;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suites for the built-in sample's database: a known false positive of the single database is
 * caught by the suite through the ordinary test-suite matching, and the same seed builds the same
 * suite.
 */
class TestSuiteBuilderTest {

    /** Gold q053 counts free shipments ({@code = 0}); no shipment costs between 0 and 1, so this matches there. */
    private static final String FALSE_POSITIVE = "SELECT COUNT(*) FROM shipments WHERE shipping_cost < 1";
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(5), 10_000);

    @TempDir
    Path dir;

    private Workspace sample(Path where) {
        new SampleWorkspace().materialize(where);
        Workspace ws = new WorkspaceLoader().load(where);
        WorkspaceSession.databaseProfile(ws, new SecretResolver(Map.of()), "ridgeline");
        return ws;
    }

    private static List<Question> questions(Workspace ws, Set<String> ids) {
        return ws.dataset().questions().stream().filter(q -> ids.contains(q.id())).toList();
    }

    private static TestSuiteBuilder.Settings settings(long seed) {
        return new TestSuiteBuilder.Settings(seed, 6, 16, 8, 60, Duration.ofMinutes(3), LIMITS);
    }

    @Test
    void aFilterOnValuesNoRowHasPassesOnTheDatabaseAndIsCaughtByTheSuite() {
        Workspace ws = sample(dir.resolve("ws"));
        Path real = ws.stateFolder().resolve("ridgeline.db");
        List<Question> questions = questions(ws, Set.of("q053", "q005", "q008", "q004"));
        TestSuiteBuilder.DatabaseReport report = new TestSuiteBuilder().build(new TestSuiteBuilder.Target("ridgeline",
                real, questions, dir.resolve("suite"), dir.resolve("work")), settings(1), line -> { });
        assertThat(report.instances()).isNotEmpty();
        assertThat(report.killedBySuite()).isPositive();
        Question q053 = questions.stream().filter(q -> q.id().equals("q053")).findFirst().orElseThrow();

        List<SqliteBackend> opened = new ArrayList<>();
        try {
            SqliteBackend main = new SqliteBackend(real, 1);
            opened.add(main);
            SqlExecutionEvaluator onMain = new SqlExecutionEvaluator(new SafeExecutor(main), LIMITS,
                    new ResultComparator());
            assertThat(onMain.evaluate(q053, FALSE_POSITIVE).outcome()).as("one database passes it").isEqualTo(
                    Outcome.PASS);
            List<TestSuiteEvaluator.Instance> instances = new ArrayList<>();
            instances.add(new TestSuiteEvaluator.Instance("ridgeline", onMain));
            for (TestSuiteBuilder.InstanceReport instance : report.instances()) {
                SqliteBackend backend = new SqliteBackend(instance.file(), 1);
                opened.add(backend);
                instances.add(new TestSuiteEvaluator.Instance(instance.name(), new SqlExecutionEvaluator(
                        new SafeExecutor(backend), LIMITS, new ResultComparator())));
            }
            TestSuiteEvaluator suite = new TestSuiteEvaluator("suite", instances);
            Verdict caught = suite.evaluate(q053, FALSE_POSITIVE);
            assertThat(caught.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(caught.reason()).contains("on instance 'ridgeline.testsuite-");
            assertThat(suite.evaluate(q053, q053.gold().getFirst()).outcome()).as("gold still passes")
                    .isEqualTo(Outcome.PASS);
            assertThat(suite.evaluate(q053, "SELECT COUNT(shipment_id) FROM shipments WHERE 0 = shipping_cost")
                    .outcome()).as("an equivalent rewrite still passes").isEqualTo(Outcome.PASS);
        } finally {
            opened.forEach(SqliteBackend::close);
        }
        for (TestSuiteBuilder.InstanceReport instance : report.instances()) {
            assertThat(instance.bytes()).isLessThan(4L * 1024 * 1024);
        }
    }

    @Test
    void theSameSeedBuildsTheSameSuite() throws Exception {
        Workspace ws = sample(dir.resolve("ws"));
        Path real = ws.stateFolder().resolve("ridgeline.db");
        List<Question> questions = questions(ws, Set.of("q002", "q011", "q020", "q053"));
        TestSuiteBuilder.DatabaseReport a = new TestSuiteBuilder().build(new TestSuiteBuilder.Target("ridgeline", real,
                questions, dir.resolve("a"), dir.resolve("work-a")), settings(5), line -> { });
        TestSuiteBuilder.DatabaseReport b = new TestSuiteBuilder().build(new TestSuiteBuilder.Target("ridgeline", real,
                questions, dir.resolve("b"), dir.resolve("work-b")), settings(5), line -> { });
        assertThat(a.instances()).isNotEmpty();
        assertThat(TestSuiteReport.json(List.of(a), 5)).isEqualTo(TestSuiteReport.json(List.of(b), 5));
        for (int i = 0; i < a.instances().size(); i++) {
            assertThat(Files.mismatch(a.instances().get(i).file(), b.instances().get(i).file())).isEqualTo(-1L);
        }
        TestSuiteBuilder.DatabaseReport other = new TestSuiteBuilder().build(new TestSuiteBuilder.Target("ridgeline",
                real, questions, dir.resolve("c"), dir.resolve("work-c")), settings(6), line -> { });
        assertThat(other.instances().stream().map(TestSuiteBuilder.InstanceReport::contentHash).toList())
                .isNotEqualTo(a.instances().stream().map(TestSuiteBuilder.InstanceReport::contentHash).toList());
    }

    @Test
    void anInterruptedBuildResumesFromItsWorkFolder() {
        Workspace ws = sample(dir.resolve("ws"));
        Path real = ws.stateFolder().resolve("ridgeline.db");
        List<Question> questions = questions(ws, Set.of("q005", "q053"));
        TestSuiteBuilder.Target target = new TestSuiteBuilder.Target("ridgeline", real, questions, dir.resolve("s"),
                dir.resolve("work"));
        TestSuiteBuilder.DatabaseReport first = new TestSuiteBuilder().build(target, settings(3), line -> { });
        List<String> progress = new ArrayList<>();
        TestSuiteBuilder.DatabaseReport again = new TestSuiteBuilder().build(target, settings(3), progress::add);
        assertThat(progress).anyMatch(l -> l.contains("(kept from an earlier build)"));
        assertThat(TestSuiteReport.json(List.of(again), 3)).isEqualTo(TestSuiteReport.json(List.of(first), 3));
    }
}
