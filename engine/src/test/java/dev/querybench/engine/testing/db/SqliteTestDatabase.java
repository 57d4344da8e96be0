package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An SQLite file in a temporary folder. SQLite has no accounts: the "writable" profile is the
 * same file, which the backend still opens read-only; writes in tests go through a plain
 * connection.
 */
public final class SqliteTestDatabase extends JdbcTestDatabase {

    private final Path folder;
    private final ConnectionProfile profile;

    private SqliteTestDatabase(Path folder, ConnectionProfile profile) {
        this.folder = folder;
        this.profile = profile;
    }

    public static SqliteTestDatabase create() {
        try {
            Path folder = Files.createTempDirectory("querybench-sqlite-test");
            Path file = folder.resolve("test.db");
            SqliteTestDatabase db = new SqliteTestDatabase(folder,
                    new ConnectionProfile("sqlite", SqliteEngine.DIALECT, "jdbc:sqlite:" + file, null, null));
            db.execute("PRAGMA user_version = 0");
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Dialect dialect() {
        return SqliteEngine.DIALECT;
    }

    @Override
    public String name() {
        return folder.getFileName().toString();
    }

    @Override
    public ConnectionProfile readOnly() {
        return profile;
    }

    @Override
    public ConnectionProfile writable() {
        return profile;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Optional<Boolean> isRunning(String marker) {
        return Optional.empty();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
