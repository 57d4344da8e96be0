package dev.querybench.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.generation.Attempt;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** One stored item as a row of the run store's {@code items} table, both ways. */
final class ItemRows {

    private static final String COLUMNS = "run_id, question_id, variant, model, repeat, prompt, answer, sql,"
            + " outcome, score, mode, flags, failure_category, reason, missing_rows, extra_rows, latency_ms,"
            + " input_tokens, output_tokens, model_id, error, finished_at, answered_by, retries, fallbacks, cached, cost_usd,"
            + " attempts, judge, judge_model, judge_verdict, judge_score, judge_rationale, judge_raw, judge_input_tokens,"
            + " judge_output_tokens, judge_latency_ms, judge_cost_usd, judge_answered_by, judge_cached, error_where,"
            + " error_fix";

    /** Inserts an item, replacing an earlier attempt at it. */
    static final String INSERT = "INSERT OR REPLACE INTO items (" + COLUMNS + ") VALUES ("
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ObjectMapper json;

    ItemRows(ObjectMapper json) {
        this.json = json;
    }

    /** Sets the parameters of {@link #INSERT} for an item of a run. */
    void bind(PreparedStatement ps, String runId, ItemResult item) throws SQLException, JsonProcessingException {
        Verdict v = item.verdict();
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
            Explanation error = item.error();
            ps.setString(21, error == null ? null : error.what());
            ps.setString(22, item.finishedAt().toString());
            Provenance p = item.provenance();
            ps.setString(23, p.answeredBy().isEmpty() ? null : p.answeredBy());
            ps.setInt(24, p.retries());
            ps.setInt(25, p.fallbacks());
            ps.setInt(26, p.cached() ? 1 : 0);
            ps.setString(27, item.cost() == null ? null : item.cost().toPlainString());
            ps.setString(28, json.writeValueAsString(item.attempts()));
            setJudge(ps, 29, item.judge());
            ps.setString(41, error == null ? null : error.where());
            ps.setString(42, error == null ? null : error.fix());
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

    ItemResult read(ResultSet rs) throws SQLException, JsonProcessingException {
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
                cost == null ? null : new BigDecimal(cost), error(rs),
                Instant.parse(rs.getString("finished_at")),
                json.readValue(rs.getString("attempts"), new TypeReference<List<Attempt>>() {}), readJudge(rs));
    }

    /**
     * The item's failure; a row stored before schema 8 has only the message, which loads as an
     * explanation without place or fix.
     */
    private static Explanation error(ResultSet rs) throws SQLException {
        String what = rs.getString("error");
        return what == null ? null : new Explanation(what, rs.getString("error_where"), rs.getString("error_fix"));
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
}
