package dev.querybench.engine.validation;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SchemaSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a database with what a dataset needs: every table and column its gold SQL (for the
 * database's engine) references, and the minimum server version the dataset declares. Reports what
 * is missing, before any question is asked. Stateless and thread-safe.
 */
public final class SchemaVerifier {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");

    public Report verify(Dataset dataset, SchemaSnapshot schema, String serverVersion) {
        Dialect dialect = schema.dialect();
        Map<String, Set<String>> columnsByTable = new HashMap<>();
        for (SchemaSnapshot.Table table : schema.tables()) {
            Set<String> columns = new HashSet<>();
            table.columns().forEach(c -> columns.add(c.name().toLowerCase(Locale.ROOT)));
            columnsByTable.put(table.name().toLowerCase(Locale.ROOT), columns);
        }
        Set<String> needed = new TreeSet<>();
        Set<String> missingTables = new TreeSet<>();
        Set<String> missingColumns = new TreeSet<>();
        List<String> unparsed = new ArrayList<>();
        for (Question question : dataset.questions()) {
            for (String sql : question.goldFor(dialect)) {
                SqlReferences refs;
                try {
                    refs = SqlReferences.of(sql);
                } catch (IllegalArgumentException e) {
                    unparsed.add(question.id() + ": " + e.getMessage());
                    continue;
                }
                for (String table : refs.tables()) {
                    needed.add(table);
                    if (!columnsByTable.containsKey(table)) {
                        missingTables.add(table + " (question " + question.id() + ")");
                    }
                }
                for (SqlReferences.ColumnReference column : refs.columns()) {
                    List<String> present = column.candidates().stream().filter(columnsByTable::containsKey).toList();
                    if (present.isEmpty()) {
                        continue;
                    }
                    boolean found = present.stream().anyMatch(t -> columnsByTable.get(t).contains(column.column()));
                    if (!found) {
                        missingColumns.add((column.candidates().size() == 1 ? column.candidates().iterator().next()
                                : String.join("|", new TreeSet<>(column.candidates()))) + "." + column.column()
                                + " (question " + question.id() + ")");
                    }
                }
            }
        }
        return new Report(dialect, serverVersion, needed, List.copyOf(missingTables), List.copyOf(missingColumns),
                unparsed, versionProblem(dataset, serverVersion));
    }

    /** The server is older than the dataset needs, if the dataset says what it needs for this product. */
    static Optional<String> versionProblem(Dataset dataset, String serverVersion) {
        if (serverVersion == null || serverVersion.isBlank()) {
            return Optional.empty();
        }
        String product = serverVersion.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        String required = dataset.minimumVersions().get(product);
        Matcher actual = VERSION.matcher(serverVersion);
        if (required == null || !actual.find()) {
            return Optional.empty();
        }
        if (compare(actual.group(1), required) < 0) {
            return Optional.of("the dataset needs " + product + " " + required + " or newer; the server is "
                    + serverVersion);
        }
        return Optional.empty();
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    /**
     * What the database lacks for a dataset.
     *
     * @param dialect the database's engine
     * @param serverVersion the server as it names itself
     * @param tablesNeeded every table the gold SQL reads
     * @param missingTables tables not in the database, with a question that needs each
     * @param missingColumns columns not in their table ({@code a|b.col} when the query leaves the
     *     table open), with a question that needs each
     * @param unparsed gold queries JSqlParser could not read (not checked)
     * @param versionProblem the server is too old, when the dataset says so
     */
    public record Report(Dialect dialect, String serverVersion, Set<String> tablesNeeded, List<String> missingTables,
            List<String> missingColumns, List<String> unparsed, Optional<String> versionProblem) {
        public Report {
            tablesNeeded = Set.copyOf(tablesNeeded);
            missingTables = List.copyOf(missingTables);
            missingColumns = List.copyOf(missingColumns);
            unparsed = List.copyOf(unparsed);
        }

        public boolean ok() {
            return missingTables.isEmpty() && missingColumns.isEmpty() && versionProblem.isEmpty();
        }
    }
}
