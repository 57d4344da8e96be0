package dev.querybench.engine.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The run store's tables and their upgrades. The file's {@code PRAGMA user_version} says how many
 * of the migrations below it has had; opening it applies the rest in one transaction.
 */
final class RunStoreSchema {

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
            """, """
            ALTER TABLE items ADD COLUMN error_where TEXT;
            ALTER TABLE items ADD COLUMN error_fix TEXT;
            """);

    private RunStoreSchema() {}

    /** The schema version this code writes. */
    static int version() {
        return MIGRATIONS.size();
    }

    static void migrate(Connection connection) throws SQLException {
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
}
