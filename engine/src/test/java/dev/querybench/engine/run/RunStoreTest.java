package dev.querybench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path dir;

    @Test
    void itemsSurviveReopeningWithEveryField() {
        Path file = dir.resolve("runs.db");
        RunRecord run = new RunRecord("r1", Instant.parse("2026-11-23T10:00:00Z"), "ws", "ds", List.of("q1", "q2"),
                List.of("v"), List.of("m"), "strict", "running");
        Verdict verdict = Verdict.fail("strict", Set.of("order-sensitive"), FailureCategory.WRONG_ORDER, "order",
                List.of(List.of("1", "NULL")), List.of());
        ItemResult item = new ItemResult(new ItemKey("q1", "v", "m", 0), "prompt", "answer", "SELECT 1", verdict, 120,
                new Usage(10, 5), "gpt-x", null, Instant.parse("2026-11-23T10:00:01Z"));
        try (RunStore store = new RunStore(file)) {
            assertThat(store.isEmpty()).isTrue();
            store.createRun(run);
            assertThat(store.isEmpty()).isFalse();
            store.save("r1", item);
            store.save("r1", item);
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.isEmpty()).isFalse();
            assertThat(store.runs()).containsExactly(run);
            assertThat(store.items("r1")).containsExactly(item);
            assertThat(store.latestUnfinished()).contains(run);
            store.updateStatus("r1", "finished");
            assertThat(store.latestUnfinished()).isEmpty();
        }
    }

    @Test
    void aStoreWrittenByTheFirstVersionIsUpgradedAndKeepsItsRuns() throws Exception {
        Path file = dir.resolve("runs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, workspace TEXT NOT NULL,"
                    + " dataset TEXT NOT NULL, question_ids TEXT NOT NULL, variants TEXT NOT NULL, models TEXT NOT NULL,"
                    + " match_mode TEXT NOT NULL, status TEXT NOT NULL)");
            s.execute("CREATE TABLE items (run_id TEXT NOT NULL, question_id TEXT NOT NULL, variant TEXT NOT NULL,"
                    + " model TEXT NOT NULL, repeat INTEGER NOT NULL, prompt TEXT, answer TEXT, sql TEXT, outcome TEXT NOT NULL,"
                    + " score REAL NOT NULL, mode TEXT NOT NULL, flags TEXT NOT NULL, failure_category TEXT, reason TEXT NOT NULL,"
                    + " missing_rows TEXT NOT NULL, extra_rows TEXT NOT NULL, latency_ms INTEGER NOT NULL,"
                    + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, model_id TEXT, error TEXT,"
                    + " finished_at TEXT NOT NULL, PRIMARY KEY (run_id, question_id, variant, model, repeat))");
            s.execute("INSERT INTO runs VALUES ('old', '2026-01-01T00:00:00Z', 'ws', 'ds', '[\"q1\"]', '[\"v\"]',"
                    + " '[\"m\"]', 'strict', 'finished')");
            s.execute("INSERT INTO items VALUES ('old', 'q1', 'v', 'm', 0, 'p', 'a', 'SELECT 1', 'PASS', 1.0, 'strict', '',"
                    + " NULL, 'same rows', '[]', '[]', 5, 1, 1, 'm', NULL, '2026-01-01T00:00:01Z')");
            s.execute("PRAGMA user_version = 1");
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.runs()).extracting(RunRecord::id).containsExactly("old");
            assertThat(store.items("old")).singleElement().satisfies(i -> assertThat(i.attempts()).isEmpty());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(RunStore.schemaVersion());
        }
    }

    @Test
    void aStoreFromANewerVersionIsRefusedClearly() throws Exception {
        Path file = dir.resolve("runs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> new RunStore(file)).hasMessageContaining("newer QueryBench");
        assertThat(RunStore.schemaVersion()).isEqualTo(8);
    }

    @Test
    void provenanceAndCostSurviveReopening() {
        Path file = dir.resolve("runs.db");
        RunRecord run = new RunRecord("r1", Instant.parse("2026-11-23T10:00:00Z"), "ws", "ds", List.of("q1"),
                List.of("v"), List.of("m"), "strict", "running");
        ItemResult item = new ItemResult(new ItemKey("q1", "v", "m", 0), "prompt", "answer", "SELECT 1",
                Verdict.pass("strict", Set.of(), "match"), 80, new Usage(10, 5), "claude-x-2025",
                new Provenance("anthropic:claude-x", 2, 1, true), new BigDecimal("0.00012345"), null,
                Instant.parse("2026-11-23T10:00:01Z"));
        try (RunStore store = new RunStore(file)) {
            store.createRun(run);
            store.save("r1", item);
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.items("r1")).containsExactly(item);
        }
    }

    @Test
    void aVersionOneStoreIsUpgradedAndItsItemsReadWithUnknownProvenanceAndCost() throws Exception {
        Path file = dir.resolve("runs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, workspace TEXT NOT NULL,"
                    + " dataset TEXT NOT NULL, question_ids TEXT NOT NULL, variants TEXT NOT NULL, models TEXT NOT NULL,"
                    + " match_mode TEXT NOT NULL, status TEXT NOT NULL)");
            s.execute("CREATE TABLE items (run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, question_id TEXT"
                    + " NOT NULL, variant TEXT NOT NULL, model TEXT NOT NULL, repeat INTEGER NOT NULL, prompt TEXT,"
                    + " answer TEXT, sql TEXT, outcome TEXT NOT NULL, score REAL NOT NULL, mode TEXT NOT NULL, flags TEXT"
                    + " NOT NULL, failure_category TEXT, reason TEXT NOT NULL, missing_rows TEXT NOT NULL, extra_rows"
                    + " TEXT NOT NULL, latency_ms INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER"
                    + " NOT NULL, model_id TEXT, error TEXT, finished_at TEXT NOT NULL, PRIMARY KEY (run_id,"
                    + " question_id, variant, model, repeat))");
            s.execute("INSERT INTO runs VALUES ('old', '2026-01-01T00:00:00Z', 'ws', 'ds', '[\"q1\"]', '[\"v\"]',"
                    + " '[\"m\"]', 'strict', 'finished')");
            s.execute("INSERT INTO items VALUES ('old', 'q1', 'v', 'm', 0, 'p', 'a', 'SELECT 1', 'PASS', 1.0, 'strict',"
                    + " '', NULL, '', '[]', '[]', 50, 3, 2, 'gpt-x', NULL, '2026-01-01T00:00:01Z')");
            s.execute("PRAGMA user_version = 1");
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.items("old")).singleElement().satisfies(item -> {
                assertThat(item.provenance()).isEqualTo(Provenance.UNKNOWN);
                assertThat(item.cost()).isNull();
                assertThat(item.usage()).isEqualTo(new Usage(3, 2));
            });
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA user_version")) {
            assertThat(rs.getInt(1)).isEqualTo(RunStore.schemaVersion());
        }
    }

    @Test
    void aFailedItemKeepsWhatWhereAndFixAcrossReopening() {
        Path file = dir.resolve("runs.db");
        RunRecord run = new RunRecord("r1", Instant.parse("2026-11-23T10:00:00Z"), "ws", "ds", List.of("q1"),
                List.of("v"), List.of("m"), "strict", "running");
        Explanation why = new Explanation("database 'shop' cannot be used: no such file", "questions.yaml:12:5",
                "put shop.sqlite next to the dataset");
        ItemResult item = new ItemResult(new ItemKey("q1", "v", "m", 0), null, null, null,
                Verdict.error("strict", "dataset error"), 0, Usage.NONE, null, why, Instant.parse("2026-11-23T10:00:01Z"));
        try (RunStore store = new RunStore(file)) {
            store.createRun(run);
            store.save("r1", item);
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.items("r1")).singleElement().satisfies(read -> {
                assertThat(read).isEqualTo(item);
                assertThat(read.error()).isEqualTo(why);
            });
        }
    }

    @Test
    void aFailedItemStoredBeforeVersionEightLoadsItsMessageAsWhatAlone() throws Exception {
        Path file = dir.resolve("runs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : VERSION_5_SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO runs (id, created_at, workspace, dataset, question_ids, variants, models, match_mode,"
                    + " status) VALUES ('old', '2026-01-01T00:00:00Z', 'ws', 'ds', '[\"q1\"]', '[\"v\"]', '[\"m\"]',"
                    + " 'strict', 'finished')");
            s.execute("INSERT INTO items (run_id, question_id, variant, model, repeat, outcome, score, mode, flags,"
                    + " reason, missing_rows, extra_rows, latency_ms, input_tokens, output_tokens, model_id, error,"
                    + " finished_at) VALUES ('old', 'q1', 'v', 'm', 0, 'ERROR', 0.0, 'strict', '',"
                    + " 'model call failed: refused', '[]', '[]', 40, 0, 0, 'gpt-x', 'the provider refused the request',"
                    + " '2026-01-01T00:00:01Z')");
            s.execute("PRAGMA user_version = 5");
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.items("old")).singleElement().satisfies(item -> {
                assertThat(item.outcome()).isEqualTo(dev.querybench.engine.evaluation.base.Outcome.ERROR);
                assertThat(item.error()).isEqualTo(new Explanation("the provider refused the request", "", ""));
                assertThat(item.modelFailed()).isTrue();
            });
        }
    }

    /** The schema as version 5 of QueryBench wrote it: the first table layout and four upgrades. */
    private static final String VERSION_5_SCHEMA = """
            CREATE TABLE runs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, workspace TEXT NOT NULL,
              dataset TEXT NOT NULL, question_ids TEXT NOT NULL, variants TEXT NOT NULL, models TEXT NOT NULL,
              match_mode TEXT NOT NULL, status TEXT NOT NULL);
            CREATE TABLE items (run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, question_id TEXT NOT NULL,
              variant TEXT NOT NULL, model TEXT NOT NULL, repeat INTEGER NOT NULL, prompt TEXT, answer TEXT, sql TEXT,
              outcome TEXT NOT NULL, score REAL NOT NULL, mode TEXT NOT NULL, flags TEXT NOT NULL, failure_category TEXT,
              reason TEXT NOT NULL, missing_rows TEXT NOT NULL, extra_rows TEXT NOT NULL, latency_ms INTEGER NOT NULL,
              input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, model_id TEXT, error TEXT,
              finished_at TEXT NOT NULL, PRIMARY KEY (run_id, question_id, variant, model, repeat));
            ALTER TABLE items ADD COLUMN attempts TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE runs ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE items ADD COLUMN answered_by TEXT;
            ALTER TABLE items ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE items ADD COLUMN fallbacks INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE items ADD COLUMN cached INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE items ADD COLUMN cost_usd TEXT;
            """;

    private static JudgeVerdict judgeVerdict() {
        return new JudgeVerdict("llm-judge:judge-equivalence", "judge-model", JudgeVerdict.Decision.UNSURE, 0.4,
                "Cannot tell from five rows.", null, new Usage(300, 40), 250, new BigDecimal("0.00115"),
                new Provenance("openai:gpt-4o", 0, 0, false));
    }

    @Test
    void aVersionFiveStoreIsUpgradedItsRunsHaveNoJudgeAndNewItemsKeepTheirVerdict() throws Exception {
        Path file = dir.resolve("runs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : VERSION_5_SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO runs VALUES ('old', '2026-10-01T00:00:00Z', 'ws', 'ds', '[\"q1\",\"q2\"]',"
                    + " '[\"v\"]', '[\"m\"]', 'set', 'incomplete', 2)");
            s.execute("INSERT INTO items VALUES ('old', 'q1', 'v', 'm', 1, 'p', 'a', 'SELECT 1', 'FAIL', 0.0, 'set', '',"
                    + " 'WRONG_VALUES', 'values differ', '[]', '[]', 50, 3, 2, 'gpt-x', NULL, '2026-10-01T00:00:01Z',"
                    + " '[]', 'openai:gpt-x', 1, 0, 0, '0.0001')");
            s.execute("PRAGMA user_version = 5");
        }
        try (RunStore store = new RunStore(file)) {
            RunRecord old = store.run("old").orElseThrow();
            assertThat(old.repeats()).isEqualTo(2);
            assertThat(old.questionIds()).containsExactly("q1", "q2");
            assertThat(store.judge("old")).isEmpty();
            ItemResult stored = store.items("old").getFirst();
            assertThat(stored.judge()).isNull();
            assertThat(stored.cost()).isEqualByComparingTo("0.0001");
            assertThat(stored.provenance()).isEqualTo(new Provenance("openai:gpt-x", 1, 0, false));

            ItemResult judged = new ItemResult(new ItemKey("q2", "v", "m", 0), "p", "a", "SELECT 2",
                    Verdict.pass("set", Set.of(), "match"), 40, new Usage(3, 2), "gpt-x", Provenance.UNKNOWN,
                    BigDecimal.ZERO, null, Instant.parse("2026-10-01T00:00:02Z"), List.of(), judgeVerdict());
            store.save("old", judged);
            store.recordJudge("old", "judge-model", "judge-equivalence");
        }
        try (RunStore store = new RunStore(file)) {
            assertThat(store.items("old")).hasSize(2).last().isEqualTo(
                    new ItemResult(new ItemKey("q2", "v", "m", 0), "p", "a", "SELECT 2",
                            Verdict.pass("set", Set.of(), "match"), 40, new Usage(3, 2), "gpt-x", Provenance.UNKNOWN,
                            BigDecimal.ZERO, null, Instant.parse("2026-10-01T00:00:02Z"), List.of(), judgeVerdict()));
            assertThat(store.judge("old")).contains(new RunStore.JudgeRef("judge-model", "judge-equivalence"));
            // a run stored before schema 7 records no privileged account
            assertThat(store.privilegedAccounts("old")).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA user_version")) {
            assertThat(rs.getInt(1)).isEqualTo(RunStore.schemaVersion());
        }
    }

    @Test
    void aMalformedJudgeAnswerKeepsItsRawTextAcrossReopening() {
        Path file = dir.resolve("runs.db");
        JudgeVerdict malformed = new JudgeVerdict("llm-judge:judge-equivalence", "judge-model",
                JudgeVerdict.Decision.ERROR, 0, "the judge's answer was malformed twice", "They look alike to me.",
                new Usage(600, 20), 900, null, new Provenance("openai:gpt-4o", 0, 0, true));
        ItemResult item = new ItemResult(new ItemKey("q1", "v", "m", 0), "p", "a", "SELECT 1",
                Verdict.pass("strict", Set.of(), "match"), 40, new Usage(3, 2), "gpt-x", Provenance.UNKNOWN, null, null,
                Instant.parse("2026-11-23T10:00:01Z"), List.of(), malformed);
        try (RunStore store = new RunStore(file)) {
            store.createRun(new RunRecord("r1", Instant.parse("2026-11-23T10:00:00Z"), "ws", "ds", List.of("q1"),
                    List.of("v"), List.of("m"), "strict", "running"));
            store.save("r1", item);
        }
        try (RunStore store = new RunStore(file)) {
            JudgeVerdict read = store.items("r1").getFirst().judge();
            assertThat(read).isEqualTo(malformed);
            assertThat(read.modelFailed()).isFalse();
        }
    }
}
