package dev.querybench.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.generation.Attempt;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's run history in an SQLite file. Each item is written when it finishes, so a run
 * killed midway resumes without asking the model again for stored items. The file carries a
 * schema version ({@code PRAGMA user_version}) and is upgraded on open: version 2 added each
 * item's provenance (which model answered, retries, fallbacks, cached), version 3 its cost, version 6
 * the LLM judge's verdict per item and the judge each run asks, version 7 the privileged accounts
 * (opted in with {@code allowPrivilegedAccount}) a run's untrusted SQL ran under. Thread-safe: writes
 * are serialised on one connection.
 */
public final class RunStore implements AutoCloseable {

    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE runs (
              id TEXT PRIMARY KEY,
              created_at TEXT NOT NULL,
              workspace TEXT NOT NULL,
              dataset TEXT NOT NULL,
              question_ids TEXT NOT NULL,
              variants TEXT NOT NULL,
              models TEXT NOT NULL,
              match_mode TEXT NOT NULL,
              status TEXT NOT NULL
            );
            CREATE TABLE items (
              run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
              question_id TEXT NOT NULL,
              variant TEXT NOT NULL,
              model TEXT NOT NULL,
              repeat INTEGER NOT NULL,
              prompt TEXT,
              answer TEXT,
              sql TEXT,
              outcome TEXT NOT NULL,
              score REAL NOT NULL,
              mode TEXT NOT NULL,
              flags TEXT NOT NULL,
              failure_category TEXT,
              reason TEXT NOT NULL,
              missing_rows TEXT NOT NULL,
              extra_rows TEXT NOT NULL,
              latency_ms INTEGER NOT NULL,
              input_tokens INTEGER NOT NULL,
              output_tokens INTEGER NOT NULL,
              model_id TEXT,
              error TEXT,
              finished_at TEXT NOT NULL,
              PRIMARY KEY (run_id, question_id, variant, model, repeat)
            );
            """, """
            ALTER TABLE items ADD COLUMN attempts TEXT NOT NULL DEFAULT '[]';
            """, """
            ALTER TABLE runs ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
            """, """
            ALTER TABLE items ADD COLUMN answered_by TEXT;
            ALTER TABLE items ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE items ADD COLUMN fallbacks INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE items ADD COLUMN cached INTEGER NOT NULL DEFAULT 0;
            """, """
            ALTER TABLE items ADD COLUMN cost_usd TEXT;
            """, """
            ALTER TABLE runs ADD COLUMN judge_model TEXT;
            ALTER TABLE runs ADD COLUMN judge_prompt TEXT;
            ALTER TABLE items ADD COLUMN judge TEXT;
            ALTER TABLE items ADD COLUMN judge_model TEXT;
            ALTER TABLE items ADD COLUMN judge_verdict TEXT;
            ALTER TABLE items ADD COLUMN judge_score REAL;
            ALTER TABLE items ADD COLUMN judge_rationale TEXT;
            ALTER TABLE items ADD COLUMN judge_raw TEXT;
            ALTER TABLE items ADD COLUMN judge_input_tokens INTEGER;
            ALTER TABLE items ADD COLUMN judge_output_tokens INTEGER;
            ALTER TABLE items ADD COLUMN judge_latency_ms INTEGER;
            ALTER TABLE items ADD COLUMN judge_cost_usd TEXT;
            ALTER TABLE items ADD COLUMN judge_answered_by TEXT;
            ALTER TABLE items ADD COLUMN judge_cached INTEGER;
            """, """
            ALTER TABLE runs ADD COLUMN privileged_accounts TEXT NOT NULL DEFAULT '[]';
            """);

    private static final String ITEM_COLUMNS = "run_id, question_id, variant, model, repeat, prompt, answer, sql,"
            + " outcome, score, mode, flags, failure_category, reason, missing_rows, extra_rows, latency_ms,"
            + " input_tokens, output_tokens, model_id, error, finished_at, answered_by, retries, fallbacks, cached, cost_usd,"
            + " attempts, judge, judge_model, judge_verdict, judge_score, judge_rationale, judge_raw, judge_input_tokens,"
            + " judge_output_tokens, judge_latency_ms, judge_cost_usd, judge_answered_by, judge_cached";

    private final Connection connection;
    private final ObjectMapper json = new ObjectMapper();

    public RunStore(Path file) {
        try {
            dev.querybench.engine.secrets.PrivateFiles.folder(file.toAbsolutePath().getParent());
            dev.querybench.engine.secrets.PrivateFiles.file(file.toAbsolutePath());
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                // In WAL mode NORMAL survives a killed process (the case resume is for) without an fsync
                // per item, which would otherwise serialise a fast run on the disk.
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA busy_timeout = 5000");
            }
            migrate();
        } catch (Exception e) {
            throw storeError("cannot open the run store " + file, e);
        }
    }

    /** The schema version this code writes. */
    public static int schemaVersion() {
        return MIGRATIONS.size();
    }

    private void migrate() throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > MIGRATIONS.size()) {
            throw new SQLException("the run store was written by a newer QueryBench (schema " + version + ")");
        }
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            for (int v = version; v < MIGRATIONS.size(); v++) {
                for (String sql : MIGRATIONS.get(v).split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = " + (v + 1));
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    public synchronized void createRun(RunRecord run) {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO runs (id, created_at, workspace, dataset, question_ids, variants, models, match_mode,"
                        + " status, repeats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, run.id());
            ps.setString(2, run.createdAt().toString());
            ps.setString(3, run.workspace());
            ps.setString(4, run.dataset());
            ps.setString(5, json.writeValueAsString(run.questionIds()));
            ps.setString(6, json.writeValueAsString(run.variants()));
            ps.setString(7, json.writeValueAsString(run.models()));
            ps.setString(8, run.matchMode());
            ps.setString(9, run.status());
            ps.setInt(10, run.repeats());
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw storeError("cannot record run " + run.id(), e);
        }
    }

    public synchronized void updateStatus(String runId, String status) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE runs SET status = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setString(2, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw storeError("cannot update run " + runId, e);
        }
    }

    /** Stores a finished item, replacing an earlier attempt at the same item. */
    public synchronized void save(String runId, ItemResult item) {
        Verdict v = item.verdict();
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR REPLACE INTO items (" + ITEM_COLUMNS + ") VALUES ("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ItemKey k = item.key();
            ps.setString(1, runId);
            ps.setString(2, k.questionId());
            ps.setString(3, k.variant());
            ps.setString(4, k.model());
            ps.setInt(5, k.repeat());
            ps.setString(6, item.prompt());
            ps.setString(7, item.answer());
            ps.setString(8, item.sql());
            ps.setString(9, v.outcome().name());
            ps.setDouble(10, v.score());
            ps.setString(11, v.mode());
            ps.setString(12, String.join(",", v.flags()));
            ps.setString(13, v.failureCategory() == null ? null : v.failureCategory().name());
            ps.setString(14, v.reason());
            ps.setString(15, json.writeValueAsString(v.missingRows()));
            ps.setString(16, json.writeValueAsString(v.extraRows()));
            ps.setLong(17, item.latencyMs());
            ps.setLong(18, item.usage().inputTokens());
            ps.setLong(19, item.usage().outputTokens());
            ps.setString(20, item.modelId());
            ps.setString(21, item.error());
            ps.setString(22, item.finishedAt().toString());
            Provenance p = item.provenance();
            ps.setString(23, p.answeredBy().isEmpty() ? null : p.answeredBy());
            ps.setInt(24, p.retries());
            ps.setInt(25, p.fallbacks());
            ps.setInt(26, p.cached() ? 1 : 0);
            ps.setString(27, item.cost() == null ? null : item.cost().toPlainString());
            ps.setString(28, json.writeValueAsString(item.attempts()));
            setJudge(ps, 29, item.judge());
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw storeError("cannot save item " + item.key() + " of run " + runId, e);
        }
    }

    private static void setJudge(PreparedStatement ps, int first, JudgeVerdict j) throws SQLException {
        if (j == null) {
            for (int i = 0; i < 12; i++) {
                ps.setNull(first + i, java.sql.Types.NULL);
            }
            return;
        }
        ps.setString(first, j.judge());
        ps.setString(first + 1, j.model());
        ps.setString(first + 2, j.decision().id());
        ps.setDouble(first + 3, j.score());
        ps.setString(first + 4, j.rationale());
        ps.setString(first + 5, j.rawAnswer());
        ps.setLong(first + 6, j.usage().inputTokens());
        ps.setLong(first + 7, j.usage().outputTokens());
        ps.setLong(first + 8, j.latencyMs());
        ps.setString(first + 9, j.cost() == null ? null : j.cost().toPlainString());
        ps.setString(first + 10, j.provenance().answeredBy().isEmpty() ? null : j.provenance().answeredBy());
        ps.setInt(first + 11, j.provenance().cached() ? 1 : 0);
    }

    /**
     * Records which judge a run asks (model profile and prompt name), so that resuming it asks the same one.
     */
    public synchronized void recordJudge(String runId, String judgeModel, String judgePrompt) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE runs SET judge_model = ?, judge_prompt = ? WHERE id = ?")) {
            ps.setString(1, judgeModel);
            ps.setString(2, judgePrompt);
            ps.setString(3, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw storeError("cannot record the judge of run " + runId, e);
        }
    }

    /** The judge a run asks, or empty when it has none (runs recorded before schema 6 have none). */
    public synchronized Optional<JudgeRef> judge(String runId) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT judge_model, judge_prompt FROM runs WHERE id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return Optional.of(new JudgeRef(rs.getString(1), rs.getString(2)));
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw storeError("cannot read the judge of run " + runId, e);
        }
    }

    /**
     * The judge a run was started with.
     *
     * @param model the judge's model profile name
     * @param prompt the judge prompt's name
     */
    public record JudgeRef(String model, String prompt) {}

    /**
     * Adds to a run the lines saying which databases ran its untrusted SQL under a privileged account
     * by opt-in (see {@link dev.querybench.engine.evaluation.RunResults#privilegedAccounts()}); lines
     * already recorded (an earlier attempt of a resumed run) are kept.
     */
    public synchronized void recordPrivilegedAccounts(String runId, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(privilegedAccounts(runId));
        all.addAll(lines);
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE runs SET privileged_accounts = ? WHERE id = ?")) {
            ps.setString(1, json.writeValueAsString(List.copyOf(all)));
            ps.setString(2, runId);
            ps.executeUpdate();
        } catch (Exception e) {
            throw storeError("cannot record the privileged accounts of run " + runId, e);
        }
    }

    /** The privileged-account lines recorded for a run; empty for runs under reader accounts and runs stored before version 7. */
    public synchronized List<String> privilegedAccounts(String runId) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT privileged_accounts FROM runs WHERE id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return List.of();
                }
                return List.of(json.readValue(rs.getString(1), String[].class));
            }
        } catch (Exception e) {
            throw storeError("cannot read the privileged accounts of run " + runId, e);
        }
    }

    public synchronized List<ItemResult> items(String runId) {
        List<ItemResult> items = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT * FROM items WHERE run_id = ? ORDER BY rowid")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(readItem(rs));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw storeError("cannot read the items of run " + runId, e);
        }
        return items;
    }

    public synchronized List<RunRecord> runs() {
        List<RunRecord> runs = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM runs ORDER BY created_at DESC, id DESC")) {
            while (rs.next()) {
                runs.add(readRun(rs));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw storeError("cannot list runs", e);
        }
        return runs;
    }

    public Optional<RunRecord> run(String id) {
        return runs().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The newest run that did not finish, if any. */
    public Optional<RunRecord> latestUnfinished() {
        return runs().stream().filter(r -> !"finished".equals(r.status())).findFirst();
    }

    private RunRecord readRun(ResultSet rs) throws SQLException, JsonProcessingException {
        TypeReference<List<String>> strings = new TypeReference<>() {};
        return new RunRecord(rs.getString("id"), Instant.parse(rs.getString("created_at")), rs.getString("workspace"),
                rs.getString("dataset"), json.readValue(rs.getString("question_ids"), strings),
                json.readValue(rs.getString("variants"), strings), json.readValue(rs.getString("models"), strings),
                rs.getString("match_mode"), rs.getString("status"), rs.getInt("repeats"));
    }

    private ItemResult readItem(ResultSet rs) throws SQLException, JsonProcessingException {
        TypeReference<List<List<String>>> rows = new TypeReference<>() {};
        String flags = rs.getString("flags");
        String category = rs.getString("failure_category");
        String cost = rs.getString("cost_usd");
        Verdict verdict = new Verdict(Outcome.valueOf(rs.getString("outcome")), rs.getDouble("score"),
                rs.getString("mode"),
                flags.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(flags.split(","))),
                category == null ? null : FailureCategory.valueOf(category), rs.getString("reason"),
                json.readValue(rs.getString("missing_rows"), rows), json.readValue(rs.getString("extra_rows"), rows));
        ItemKey key = new ItemKey(rs.getString("question_id"), rs.getString("variant"), rs.getString("model"),
                rs.getInt("repeat"));
        return new ItemResult(key, rs.getString("prompt"), rs.getString("answer"), rs.getString("sql"), verdict,
                rs.getLong("latency_ms"), new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens")),
                rs.getString("model_id"), new Provenance(rs.getString("answered_by"), rs.getInt("retries"),
                        rs.getInt("fallbacks"), rs.getInt("cached") != 0),
                cost == null ? null : new BigDecimal(cost), rs.getString("error"),
                Instant.parse(rs.getString("finished_at")),
                json.readValue(rs.getString("attempts"), new TypeReference<List<Attempt>>() {}), readJudge(rs));
    }

    private static JudgeVerdict readJudge(ResultSet rs) throws SQLException {
        String decision = rs.getString("judge_verdict");
        if (decision == null) {
            return null;
        }
        String cost = rs.getString("judge_cost_usd");
        return new JudgeVerdict(rs.getString("judge"), rs.getString("judge_model"), JudgeVerdict.Decision.byId(decision),
                rs.getDouble("judge_score"), rs.getString("judge_rationale"), rs.getString("judge_raw"),
                new Usage(rs.getLong("judge_input_tokens"), rs.getLong("judge_output_tokens")),
                rs.getLong("judge_latency_ms"), cost == null ? null : new BigDecimal(cost),
                new Provenance(rs.getString("judge_answered_by"), 0, 0, rs.getInt("judge_cached") != 0));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection that failed is not worth reporting
        }
    }

    private static QueryBenchException storeError(String what, Exception e) {
        return new QueryBenchException(ErrorResponse.of(ErrorCategory.INTERNAL, what + ": " + e.getMessage(),
                "check that the workspace folder is writable and not opened by another QueryBench"), e);
    }
}
