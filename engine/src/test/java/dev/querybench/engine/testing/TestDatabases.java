package dev.querybench.engine.testing;

import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small SQLite databases and a plain prompt written into a test's workspace folder. */
public final class TestDatabases {

    private TestDatabases() {}

    /** Builds {@code file} (and its folders) from {@code sql}, kept beside it as {@code <file>.sql}. */
    public static Path sqlite(Path file, String sql) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path script = file.resolveSibling(file.getFileName() + ".sql");
            Files.writeString(script, sql);
            new SqliteDatabaseBuilder().buildIfMissing(file, List.of(script));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code prompts/plain.prompt}: the question's schema and the question, nothing else. */
    public static void plainPrompt(Path workspace) {
        try {
            Files.createDirectories(workspace.resolve("prompts"));
            Files.writeString(workspace.resolve("prompts/plain.prompt"), """
                    ---
                    task: sql-generation
                    name: plain
                    ---
                    Schema:
                    {{schema}}

                    Question: {{question}}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
