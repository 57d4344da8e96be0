package dev.querybench.engine.templates;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.DatasetImporter;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.sample.SampleWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates a new workspace folder from a template: {@link Template#EMPTY} (an SQLite database,
 * one starter question, the shipped prompt variants and an OpenAI profile to edit),
 * {@link Template#SAMPLE} (the built-in retailer) or {@link Template#IMPORT} (a Spider or BIRD
 * {@code dev.json}, a JSONL or sql-eval CSV file, read where it lies, with the SQLite database
 * its questions name when it is found next to it). The written workspace is loaded before this
 * returns, so a template that would not open is an error here, not later. Does file I/O.
 */
public final class WorkspaceTemplates {

    /** What a new workspace starts from. */
    public enum Template {
        EMPTY("Empty workspace"),
        SAMPLE("The sample (Ridgeline Cycles & Outdoor)"),
        IMPORT("Import a dataset (Spider or BIRD dev.json, JSONL, sql-eval CSV)");

        private final String label;

        Template(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final DatasetImporter importer = new DatasetImporter();

    /**
     * Writes the template into {@code folder} (created when missing, and it must hold no workspace yet).
     *
     * @param datasetFile the file to import for {@link Template#IMPORT}, else ignored
     * @return the new workspace, loaded
     * @throws QueryBenchException naming the problem and the fix
     */
    public Workspace create(Path folder, Template template, Path datasetFile) {
        Objects.requireNonNull(folder, "folder");
        Path root = folder.toAbsolutePath().normalize();
        if (Files.exists(root.resolve(Workspace.CONFIG_FILE))) {
            throw problem(root + " already holds a workspace (" + Workspace.CONFIG_FILE + ")",
                    "open it with File → Open workspace, or choose an empty folder");
        }
        try {
            Files.createDirectories(root);
            switch (template) {
                case SAMPLE -> new SampleWorkspace().materialize(root);
                case EMPTY -> writeEmpty(root);
                case IMPORT -> writeImport(root, datasetFile);
            }
        } catch (IOException e) {
            throw problem("cannot write the new workspace to " + root + ": " + e.getMessage(),
                    "choose a folder you can write to");
        }
        return new WorkspaceLoader().load(root);
    }

    private void writeEmpty(Path root) throws IOException {
        new SampleWorkspace().materializePrompts(root);
        Files.write(root.resolve("database.sqlite"), new byte[0]);
        Files.writeString(root.resolve("dataset.yaml"), """
                name: %s
                description: Questions with gold SQL; replace the starter question with your own.
                questions:
                  - id: q001
                    difficulty: easy
                    question: How many tables does the database have?
                    gold: SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'
                """.formatted(quoted(root.getFileName().toString())));
        Files.writeString(root.resolve(Workspace.CONFIG_FILE), """
                # A new QueryBench workspace. Connections (the wizard) changes the database and the models;
                # keys are never written here: {env: NAME} or {keyring: NAME} names where they are kept.
                name: %s
                database: {name: main, type: sqlite, path: database.sqlite}
                dataset: dataset.yaml
                prompts: prompts
                variants: [ddl-basic, ddl-samples-hints]
                models:
                  - {name: gpt-4o-mini, spec: "openai:gpt-4o-mini", apiKey: {env: OPENAI_API_KEY}}
                run: {models: [gpt-4o-mini], concurrency: 4, queryTimeoutSeconds: 10, rowCap: 10000, matchMode: strict}
                """.formatted(quoted(root.getFileName().toString())));
    }

    private void writeImport(Path root, Path datasetFile) throws IOException {
        if (datasetFile == null || !Files.isRegularFile(datasetFile)) {
            throw problem("no dataset file to import" + (datasetFile == null ? "" : ": " + datasetFile + " is not a file"),
                    "choose Spider's or BIRD's dev.json, a .jsonl or a sql-eval .csv file");
        }
        Path file = datasetFile.toAbsolutePath().normalize();
        Dataset dataset = importer.read(file);
        new SampleWorkspace().materializePrompts(root);
        Optional<Path> sqlite = dataset.questions().stream().map(Question::database).filter(Objects::nonNull)
                .map(db -> databaseFile(file.getParent(), db)).flatMap(Optional::stream).findFirst();
        String databaseLine;
        if (sqlite.isPresent()) {
            String db = sqlite.get().getFileName().toString().replaceFirst("\\.sqlite$", "");
            databaseLine = "database: {name: " + quoted(db) + ", type: sqlite, path: " + quoted(where(root, sqlite.get()))
                    + "}";
        } else {
            Files.write(root.resolve("database.sqlite"), new byte[0]);
            databaseLine = "# No SQLite database was found next to the dataset: point this at the database its\n"
                    + "# questions were written for (Connections → Database), such as a PostgreSQL server.\n"
                    + "database: {name: main, type: sqlite, path: database.sqlite}";
        }
        Files.writeString(root.resolve(Workspace.CONFIG_FILE), """
                # Imported from %s (%d questions). Questions that name a database (Spider's and BIRD's db_id)
                # are asked of database/<db>/<db>.sqlite or dev_databases/<db>/<db>.sqlite next to that file.
                name: %s
                %s
                dataset: %s
                prompts: prompts
                variants: [ddl-basic, ddl-samples-hints]
                models:
                  - {name: gpt-4o-mini, spec: "openai:gpt-4o-mini", apiKey: {env: OPENAI_API_KEY}}
                run: {models: [gpt-4o-mini], concurrency: 4, queryTimeoutSeconds: 10, rowCap: 10000, matchMode: strict}
                """.formatted(file.getFileName(), dataset.size(), quoted(root.getFileName().toString()), databaseLine,
                quoted(where(root, file))));
    }

    /** Spider's and BIRD's layouts of a question's database next to the dataset file. */
    private static Optional<Path> databaseFile(Path datasetFolder, String db) {
        for (String layout : new String[] {"database", "dev_databases"}) {
            Path candidate = datasetFolder.resolve(layout).resolve(db).resolve(db + ".sqlite");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A path as the workspace file writes it: relative when it lies inside the workspace. */
    private static String where(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static QueryBenchException problem(String message, String fix) {
        return new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION, message, fix));
    }
}
