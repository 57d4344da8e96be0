package dev.querybench.engine.validation;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.DatasetException;
import dev.querybench.engine.dataset.DatasetReader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.errors.FileProblem;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of the workspace check that needs the database: every gold query of the questions
 * asked of the workspace's own database must name only tables and columns that database has. Run
 * and doctor both call it once the database is open, so they refuse the same gold the same way.
 * Only where the schema is known: questions asked of another database (multi-database datasets),
 * gold the parser cannot read, system catalogues and columns of tables the database lacks are left
 * to the database, which still enforces. Stateless and thread-safe.
 */
public final class GoldSchemaCheck {

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
