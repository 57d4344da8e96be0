package dev.querybench.engine.model.cache;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The response cache of a workspace, in an SQLite file under its {@code .querybench} folder.
 * An answer is kept with what it cost in tokens and time, and served while younger than the
 * TTL; an expired one is removed when met. Thread-safe: access is serialised on one connection, and
 * answers put at once are committed together.
 */
public final class SqliteResponseCache implements ResponseCache, AutoCloseable {

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS answers (
              key TEXT PRIMARY KEY,
              provider TEXT NOT NULL,
              model TEXT NOT NULL,
              parameters TEXT NOT NULL,
              prompt_sha256 TEXT NOT NULL,
              text TEXT NOT NULL,
              input_tokens INTEGER NOT NULL,
              output_tokens INTEGER NOT NULL,
              latency_ms INTEGER NOT NULL,
              finish_reason TEXT NOT NULL,
              model_id TEXT NOT NULL,
              answered_by TEXT NOT NULL,
              created_at TEXT NOT NULL
            )""";

    private final Connection connection;
    private final Duration ttl;
    private final Clock clock;
    private final List<Pending> waiting = new ArrayList<>();

    /**
     * Opens (or creates) the cache file.
     *
     * @param ttl how long an answer is served
     * @throws QueryBenchException when the file cannot be opened
     */
    public SqliteResponseCache(Path file, Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        try {
            // answers and prompts: private to the user (SQLite gives its -wal and -shm files the same mode)
            dev.querybench.engine.secrets.PrivateFiles.folder(file.toAbsolutePath().getParent());
            dev.querybench.engine.secrets.PrivateFiles.file(file.toAbsolutePath());
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute(SCHEMA);
                s.execute("PRAGMA user_version = 1");
            }
        } catch (Exception e) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INTERNAL, "cannot open the response cache "
                    + file + ": " + e.getMessage(), "check that the workspace folder is writable, or turn the cache"
                    + " off with cache: {enabled: false}"), e);
        }
    }

    @Override
    public synchronized Optional<Completion> get(CacheKey key) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM answers WHERE key = ?")) {
            ps.setString(1, key.digest());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant created = Instant.parse(rs.getString("created_at"));
                if (created.plus(ttl).isBefore(clock.instant())) {
                    remove(key);
                    return Optional.empty();
                }
                return Optional.of(new Completion(rs.getString("text"),
                        new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens")),
                        Duration.ofMillis(rs.getLong("latency_ms")), rs.getString("finish_reason"),
                        rs.getString("model_id"), new Provenance(rs.getString("answered_by"), 0, 0, true)));
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores an answer and returns once it is committed (on disk, with SQLite's full synchronous
     * writes). Answers put at the same moment by several threads are committed together: the first
     * caller to get the connection writes every answer waiting, in one transaction and one sync, so
     * a wave of concurrent answers costs one disk flush rather than one each.
     */
    @Override
    public void put(CacheKey key, Completion answer) {
        if (answer.text().isBlank()) {
            return;
        }
        Pending mine = new Pending(key, answer, clock.instant());
        synchronized (waiting) {
            waiting.add(mine);
        }
        synchronized (this) {
            if (mine.done) {
                return; // committed with another caller's batch
            }
            List<Pending> batch;
            synchronized (waiting) {
                batch = List.copyOf(waiting);
                waiting.clear();
            }
            write(batch);
            batch.forEach(p -> p.done = true);
        }
    }

    private void write(List<Pending> batch) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO answers VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Pending p : batch) {
                    bind(ps, p);
                    ps.addBatch();
                }
                ps.executeBatch();
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // a cache that cannot write only costs a later call; the answer itself is fine
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // nothing was written; the connection is left in auto-commit by the finally above
            }
        }
    }

    private static void bind(PreparedStatement ps, Pending p) throws SQLException {
        ps.setString(1, p.key.digest());
        ps.setString(2, p.key.provider());
        ps.setString(3, p.key.model());
        ps.setString(4, p.key.parameters());
        ps.setString(5, p.key.promptSha256());
        ps.setString(6, p.answer.text());
        ps.setLong(7, p.answer.usage().inputTokens());
        ps.setLong(8, p.answer.usage().outputTokens());
        ps.setLong(9, p.answer.latency().toMillis());
        ps.setString(10, p.answer.finishReason());
        ps.setString(11, p.answer.modelId());
        ps.setString(12, p.answer.provenance().answeredBy());
        ps.setString(13, p.createdAt.toString());
    }

    /** An answer waiting to be committed; {@code done} is written and read under the cache's lock. */
    private static final class Pending {
        private final CacheKey key;
        private final Completion answer;
        private final Instant createdAt;
        private boolean done;

        Pending(CacheKey key, Completion answer, Instant createdAt) {
            this.key = key;
            this.answer = answer;
            this.createdAt = createdAt;
        }
    }

    /** Answers stored, expired ones included until they are met. */
    public synchronized int size() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM answers")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    private void remove(CacheKey key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM answers WHERE key = ?")) {
            ps.setString(1, key.digest());
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing useful to do about a cache that does not close
        }
    }
}
