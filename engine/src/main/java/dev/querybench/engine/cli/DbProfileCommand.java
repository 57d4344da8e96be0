package dev.querybench.engine.cli;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.LatencyProfile;
import dev.querybench.engine.db.PoolStats;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryProfiler;
import dev.querybench.engine.db.SafeExecutor;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code querybench db profile}: a query's latency (p50/p95 over N runs) through the safe executor,
 * optionally next to raw JDBC to show what the safety layers cost, and the pool's statistics.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Measure a query's latency over N runs through the safe executor (p50, p95) and show the"
                + " connection pool's statistics; with --raw, also over plain JDBC, to show the safety layers' cost.")
final class DbProfileCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--runs", defaultValue = "20", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--raw", description = "Also measure it through the database layer alone (no parser) and over a plain JDBC"
                    + " connection, to show what each safety layer costs.")
    boolean raw;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Limit per run (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Parameters(index = "0", arity = "0..1", defaultValue = "SELECT 1", paramLabel = "SQL",
            description = "The query to measure (default: ${DEFAULT-VALUE}).")
    String sql;

    DbProfileCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        int measured = Math.max(1, runs);
        int warm = Math.max(0, warmup);
        ConnectionProfile profile = database.profile(environment);
        QueryProfiler profiler = new QueryProfiler();
        PrintWriter out = environment.out();
        try (DatabaseBackend backend = DatabaseBackends.open(profile)) {
            QueryLimits limits = new QueryLimits(Duration.ofSeconds(Math.max(1, timeout)), 100_000);
            SafeExecutor executor = new SafeExecutor(backend);
            // with --raw the three paths are measured in turns, so that warm-up and noise fall on all alike
            QueryProfiler.Comparison compared = raw ? profiler.compare(executor, profile, sql, limits, measured, warm)
                    : null;
            LatencyProfile safe = raw ? compared.safe() : profiler.safe(executor, sql, limits, measured, warm);
            out.println(backend.serverVersion() + " (" + profile.name() + "): " + sql.strip().replaceAll("\\s+", " "));
            out.println(String.format(Locale.ROOT, "%-15s %5s %9s %9s %9s %9s %9s %7s", "", "runs", "min ms", "p50 ms",
                    "p95 ms", "max ms", "mean ms", "rows"));
            out.println(row("safe executor", safe));
            if (raw) {
                LatencyProfile layer = compared.databaseLayer();
                LatencyProfile plain = compared.rawJdbc();
                out.println(row("database layer", layer));
                out.println(row("raw JDBC", plain));
                out.println(String.format(Locale.ROOT, "safe executor overhead: p50 %+.2f ms, p95 %+.2f ms"
                        + " (parser %+.2f ms, database layer %+.2f ms at p50)", ms(safe.p50()) - ms(plain.p50()),
                        ms(safe.p95()) - ms(plain.p95()), ms(safe.p50()) - ms(layer.p50()),
                        ms(layer.p50()) - ms(plain.p50())));
            }
            PoolStats pool = backend.poolStats();
            out.println("pool: " + pool.active() + " active, " + pool.idle() + " idle, " + pool.total() + " open (max "
                    + pool.maximumSize() + "), " + pool.waiting() + " waiting");
        }
        return ExitCodes.OK;
    }

    private static String row(String label, LatencyProfile p) {
        return String.format(Locale.ROOT, "%-15s %5d %9.2f %9.2f %9.2f %9.2f %9.2f %7d", label, p.runs(), ms(p.min()),
                ms(p.p50()), ms(p.p95()), ms(p.max()), ms(p.mean()), p.rows());
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
