package dev.querybench.engine.testing;

import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small SQLite databases, a plain prompt and a one-question workspace written into a test's folder. */
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

    /**
     * A workspace in {@code folder} whose dataset {@code shop} asks one question about products,
     * on the database {@code database} (a flow mapping such as {@code {name: shop, type: sqlite,
     * path: shop.db}}): the set-up of the test-suite generator's refusals, in the CLI and the
     * workbench alike.
     */
    public static Path productWorkspace(Path folder, String database) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("dataset.yaml"), """
                    name: shop
                    questions:
                      - id: one
                        question: How many products?
                        gold: SELECT count(*) FROM product
                    """);
            Files.writeString(folder.resolve("querybench.yaml"), "database: " + database + "\ndataset: dataset.yaml\n");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
