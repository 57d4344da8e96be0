package dev.querybench.engine.cli;

import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.evaluation.sql.ValueNormalizer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code querybench sql}: one statement through the safe executor, the SQL console's command-line
 * twin. A refused statement ends with exit code 3 and the rule that refused it.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one read-only statement through the safe executor and print the result as a table"
                + " (or CSV). Anything but one SELECT is refused, naming the rule.")
final class SqlCommand implements Callable<Integer> {

    private static final int MAX_WIDTH = 40;

    private final CliEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--csv", description = "Print CSV (RFC 4180) instead of a table.")
    boolean csv;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Stop the query after this long (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--row-cap", defaultValue = "1000", description = "Most rows read (default: ${DEFAULT-VALUE}).")
    int rowCap;

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement, in the database's dialect.")
    String sql;

    SqlCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (DatabaseBackend backend = DatabaseBackends.open(database.profile(environment))) {
            AccountNotice.check(backend, environment.err());
            QueryResult result = new SafeExecutor(backend).execute(sql,
                    new QueryLimits(Duration.ofSeconds(Math.max(1, timeout)), Math.max(1, rowCap)));
            if (csv) {
                printCsv(result, environment.out());
            } else {
                printTable(result, environment.out());
            }
            environment.err().println(result.rowCount() + (result.rowCount() == 1 ? " row" : " rows")
                    + (result.truncated() ? result.rowCount() >= rowCap ? " (cut at --row-cap " + rowCap + ")"
                            : " (cut at the limit of " + QueryLimits.DEFAULT_MAX_RESULT_BYTES / (1024 * 1024)
                                    + " MiB per result)" : "") + " in "
                    + result.elapsed().toMillis() + " ms on " + backend.dialect().displayName());
            return ExitCodes.OK;
        }
    }

    static void printTable(QueryResult result, PrintWriter out) {
        ValueNormalizer values = new ValueNormalizer();
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            cells.add(row.stream().map(v -> clip(values.display(v))).toList());
        }
        int n = result.columns().size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = clip(result.columns().get(i)).length();
            for (List<String> row : cells) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        out.println(line(result.columns().stream().map(SqlCommand::clip).toList(), width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        cells.forEach(row -> out.println(line(row, width)));
        out.flush();
    }

    static void printCsv(QueryResult result, PrintWriter out) {
        ValueNormalizer values = new ValueNormalizer();
        out.print(String.join(",", result.columns().stream().map(SqlCommand::csvCell).toList()) + "\r\n");
        for (List<Object> row : result.rows()) {
            out.print(String.join(",", row.stream().map(v -> v == null ? "" : csvCell(values.display(v))).toList())
                    + "\r\n");
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cells.get(i)));
        }
        return out.toString().stripTrailing();
    }

    private static String clip(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() > MAX_WIDTH ? one.substring(0, MAX_WIDTH - 1) + "…" : one;
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
