package dev.querybench.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's run history in an SQLite file. Each item is written when it finishes, so a run
 * killed midway resumes without asking the model again for stored items. The file carries a
 * schema version ({@code PRAGMA user_version}) and is upgraded on open: version 2 added each
 * item's provenance (which model answered, retries, fallbacks, cached), version 3 its cost, version 6
 * the LLM judge's verdict per item and the judge each run asks, version 7 the privileged accounts
 * (opted in with {@code allowPrivilegedAccount}) a run's untrusted SQL ran under, version 8 each failed
 * item's place and fix next to its message (an older row's message loads as an explanation with only
 * the "what"). Thread-safe: writes are serialised on one connection.
 */
public final class RunStore implements AutoCloseable {

    private final Connection connection;
    private final ObjectMapper json = new ObjectMapper();
    private final ItemRows rows = new ItemRows(json);

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
            RunStoreSchema.migrate(connection);
        } catch (Exception e) {
            throw storeError("cannot open the run store " + file, e);
        }
    }

    /** The schema version this code writes. */
    public static int schemaVersion() {
        return RunStoreSchema.version();
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
        try (PreparedStatement ps = connection.prepareStatement(ItemRows.INSERT)) {
            rows.bind(ps, runId, item);
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw storeError("cannot save item " + item.key() + " of run " + runId, e);
        }
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
                    items.add(rows.read(rs));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw storeError("cannot read the items of run " + runId, e);
        }
        return items;
    }

    /** True when no run is stored: one row looked at, none read (the workbench's start asks). */
    public synchronized boolean isEmpty() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM runs LIMIT 1")) {
            return !rs.next();
        } catch (SQLException e) {
            throw storeError("cannot list runs", e);
        }
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
