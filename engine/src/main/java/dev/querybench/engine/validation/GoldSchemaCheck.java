package dev.querybench.engine.validation;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.DatasetException;
import dev.querybench.engine.dataset.DatasetReader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.errors.FileProblem;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of the workspace check that needs the database: every gold query of the questions
 * asked of the workspace's own database must name only tables and columns that database has. Run
 * and doctor both call it once the database is open, so they refuse the same gold the same way.
 * Only where the schema is known: questions asked of another database (multi-database datasets),
 * gold the parser cannot read, system catalogues and columns of tables the database lacks are left
 * to the database, which still enforces. A run remembers a pass ({@link #requireBeforeRun}). Stateless
 * and thread-safe.
 */
public final class GoldSchemaCheck {

    /** Names this check's rules in {@link #fingerprint}: change it whenever what {@link #find} refuses changes. */
    static final String RULES = "gold-schema-check 1";

    /** The first gold reference the schema lacks, as a problem in the dataset file, or empty. */
    public Optional<FileProblem> find(Workspace workspace, SchemaSnapshot schema) {
        Map<String, Set<String>> columnsByTable = new HashMap<>();
        for (SchemaSnapshot.Table table : schema.tables()) {
            Set<String> columns = new HashSet<>();
            table.columns().forEach(c -> columns.add(c.name().toLowerCase(Locale.ROOT)));
            columnsByTable.put(table.name().toLowerCase(Locale.ROOT), columns);
        }
        if (columnsByTable.isEmpty()) {
            return Optional.empty();
        }
        String defaultProfile = workspace.config().database() == null ? ""
                : workspace.config().database().nameOrDefault();
        Path file = workspace.root().resolve(workspace.config().dataset());
        for (Question question : workspace.dataset().questions()) {
            if (!question.database().isEmpty() && !question.database().equals(defaultProfile)) {
                continue;
            }
            for (String sql : question.goldFor(schema.dialect())) {
                SqlReferences refs;
                try {
                    refs = SqlReferences.of(sql);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                for (String table : refs.tables()) {
                    if (!columnsByTable.containsKey(table) && !system(table)) {
                        return Optional.of(DatasetReader.problemAt(file, question.id(), "gold", "the gold SQL of"
                                + " question " + question.id() + " reads table '" + table + "', which the database"
                                + " does not have", "correct the table name; the database has "
                                + names(columnsByTable.keySet())));
                    }
                }
                for (SqlReferences.ColumnReference column : refs.columns()) {
                    List<String> present = column.candidates().stream().filter(columnsByTable::containsKey).toList();
                    if (present.isEmpty() || present.size() < column.candidates().size()) {
                        continue;
                    }
                    if (present.stream().noneMatch(t -> columnsByTable.get(t).contains(column.column()))) {
                        String tables = String.join(" or ", new TreeSet<>(present));
                        return Optional.of(DatasetReader.problemAt(file, question.id(), "gold", "the gold SQL of"
                                + " question " + question.id() + " reads column '" + column.column() + "', which "
                                + tables + " does not have", "correct the column name; " + tables + " has "
                                + names(present.stream().flatMap(t -> columnsByTable.get(t).stream()).toList())));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @throws DatasetException naming the dataset file, the question's line, the unknown name and the fix
     */
    public void require(Workspace workspace, SchemaSnapshot schema) {
        find(workspace, schema).ifPresent(p -> {
            throw new DatasetException(p.message(), p.fix(), null);
        });
    }

    /**
     * As {@link #require(Workspace, SchemaSnapshot)}, skipped when the same check passed last time
     * ({@code passed}): same rules, dialect, workspace database, schema and gold queries.
     *
     * @return true when the gold was checked (and passed), false when the check was skipped
     */
    public boolean require(Workspace workspace, SchemaSnapshot schema, PassedGoldChecks passed) {
        String fingerprint = fingerprint(workspace, schema);
        if (passed.passed(fingerprint)) {
            return false;
        }
        require(workspace, schema);
        passed.remember(fingerprint);
        return true;
    }

    /**
     * The check a run makes once its database is open, the same for {@code querybench run} and the
     * workbench's Run: against the session's schema (read once and shared with the prompts), skipped
     * when the same gold passed against the same schema last time ({@link PassedGoldChecks} in the
     * workspace's state folder).
     *
     * @return true when the gold was checked (and passed), false when the check was skipped
     * @throws DatasetException naming the dataset file, the question's line, the unknown name and the fix
     */
    public boolean requireBeforeRun(WorkspaceSession session) {
        Workspace workspace = session.workspace();
        return require(workspace, session.schema(), new PassedGoldChecks(workspace.stateFolder()));
    }

    /**
     * A SHA-256 of everything {@link #find} reads: this check's rules ({@link #RULES}) and build, the
     * schema's dialect, tables and columns, the workspace's database name, and each question's
     * database and gold queries for that dialect.
     */
    public String fingerprint(Workspace workspace, SchemaSnapshot schema) {
        StringBuilder text = new StringBuilder(RULES).append('\n').append(build()).append('\n')
                .append(schema.dialect()).append('\n')
                .append(workspace.config().database() == null ? "" : workspace.config().database().nameOrDefault());
        Map<String, TreeSet<String>> tables = new TreeMap<>();
        for (SchemaSnapshot.Table table : schema.tables()) {
            TreeSet<String> columns = tables.computeIfAbsent(table.name().toLowerCase(Locale.ROOT), t -> new TreeSet<>());
            table.columns().forEach(c -> columns.add(c.name().toLowerCase(Locale.ROOT)));
        }
        tables.forEach((table, columns) -> text.append("\0t").append(table).append('\0').append(columns));
        for (Question question : workspace.dataset().questions()) {
            text.append("\0q").append(question.id()).append('\0').append(question.database());
            question.goldFor(schema.dialect()).forEach(sql -> text.append("\0g").append(sql));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The build this check runs from (its jar's path, size and time), so a new build checks again. */
    private static String build() {
        try {
            Path code = Path.of(GoldSchemaCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code + (java.nio.file.Files.isRegularFile(code)
                    ? " " + java.nio.file.Files.size(code) + " " + java.nio.file.Files.getLastModifiedTime(code) : "");
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown " + System.nanoTime(); // never matches a remembered pass
        }
    }

    private static boolean system(String table) {
        return table.startsWith("sqlite_") || table.startsWith("pg_") || table.equals("information_schema")
                || table.equals("dual");
    }

    private static String names(java.util.Collection<String> names) {
        TreeSet<String> sorted = new TreeSet<>(names);
        String shown = String.join(", ", sorted.stream().limit(20).toList());
        return shown + (sorted.size() > 20 ? " and " + (sorted.size() - 20) + " more" : "");
    }
}
