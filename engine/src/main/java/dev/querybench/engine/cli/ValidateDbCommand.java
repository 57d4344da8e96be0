package dev.querybench.engine.cli;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.session.QuestionDatabases;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.ConnectionCheck;
import dev.querybench.engine.validation.ConnectionStringCheck;
import dev.querybench.engine.validation.DatabaseValidator;
import dev.querybench.engine.validation.DatasetDatabasesCheck;
import dev.querybench.engine.validation.PermissionCheck;
import dev.querybench.engine.validation.SchemaVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querybench validate db}: connection string, connection, permissions and the dataset's schema. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Check a database: its URL, that it answers (version, latency), whether the account can"
                + " write (with the SQL for a read-only one), and that it has what the dataset's gold SQL reads.")
final class ValidateDbCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--connect-timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "Give up on an unresponsive server after this long (default: ${DEFAULT-VALUE}).")
    int connectTimeout;

    ValidateDbCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CheckPrinter printer = new CheckPrinter(environment.out());
        DatabaseValidator validator = new DatabaseValidator(Duration.ofSeconds(Math.max(1, connectTimeout)));
        Optional<Workspace> workspace = database.workspace(environment);
        ConnectionProfile profile = database.profile(environment);

        ConnectionStringCheck url = validator.validateConnectionString(profile.jdbcUrl());
        if (url.ok()) {
            printer.print(CheckResult.ok("Connection string", url.url()));
        } else {
            url.problems().forEach(p -> printer.print(CheckResult.fail("Connection string", p.message(), p.remedy())));
            return finish(printer);
        }

        ConnectionCheck connection = validator.testConnection(profile);
        if (connection.ok()) {
            printer.print(CheckResult.ok("Connection", connection.serverVersion().orElse("?") + " at "
                    + connection.target() + ", " + millis(connection.latency()) + " round trip"
                    + (profile.username() == null ? "" : ", as " + profile.username())));
        } else {
            ErrorResponse e = connection.error().orElseThrow();
            printer.print(CheckResult.fail("Connection", e.message() + " (reachable: " + yesNo(connection.reachable())
                    + ", authenticated: " + yesNo(connection.authenticated()) + ")", e.remedy()));
            return finish(printer);
        }

        PermissionCheck permissions = validator.validatePermissions(profile);
        if (permissions.error().isPresent()) {
            ErrorResponse e = permissions.error().get();
            printer.print(CheckResult.warn("Permissions", "could not check: " + e.message(), e.remedy()));
        } else if (permissions.canWrite()) {
            printer.print(CheckResult.warn("Permissions", "the account can write: " + String.join("; ",
                    permissions.findings()), "QueryBench refuses writes itself; as a last line of defence, use a"
                    + " read-only account:\n" + indent(permissions.readOnlySetup())));
        } else {
            printer.print(CheckResult.ok("Permissions", String.join("; ", permissions.findings())));
        }

        printSafety(profile, printer);

        workspace.ifPresent(ws -> {
            if (DatasetDatabasesCheck.spansDatabases(ws.dataset())) {
                verifyDatabases(ws, profile, printer);
            } else {
                verifySchema(ws, profile, printer);
            }
        });
        return finish(printer);
    }

    /** Who untrusted SQL runs as, whether that account is refused, and what the engine enforces on every query. */
    private static void printSafety(ConnectionProfile profile, CheckPrinter printer) {
        try (DatabaseBackend backend = DatabaseBackends.open(profile)) {
            dev.querybench.engine.db.AccountSafety safety = backend.accountSafety();
            String protections = String.join("\n", safety.protections().stream().map(p -> "  - " + p).toList());
            if (!safety.privileged()) {
                printer.print(CheckResult.ok("Safe execution", "untrusted SQL runs as " + safety.account()
                        + ", which can only read; every query:\n" + protections));
            } else if (safety.allowed()) {
                printer.print(CheckResult.warn("Safe execution", safety.warning() + "; every query:\n" + protections,
                        "create a reader with 'querybench db reader' and use it instead"));
            } else {
                printer.print(CheckResult.fail("Safe execution", "untrusted SQL will be refused: " + safety.account()
                        + " holds more than read privileges (" + String.join("; ", safety.excess()) + ")",
                        "create a reader with 'querybench db reader' (or name a readerRole on PostgreSQL), or set"
                                + " allowPrivilegedAccount: true in the profile to accept the risk"));
            }
        } catch (RuntimeException e) {
            printer.print(CheckResult.warn("Safe execution", "could not review the account: " + e.getMessage(),
                    "check the connection above"));
        }
    }

    /** Each database the dataset's questions name (and each test-suite instance): reachable, schema present. */
    private void verifyDatabases(Workspace ws, ConnectionProfile profile, CheckPrinter printer) {
        DatasetDatabasesCheck.Report report;
        try (DatabaseBackend backend = DatabaseBackends.open(profile);
                QuestionDatabases databases = database.questionDatabases(environment, ws,
                        database.profileName(ws).orElseThrow(), backend)) {
            report = new DatasetDatabasesCheck(new QueryLimits(Duration.ofSeconds(Math.max(1, connectTimeout)), 1))
                    .reachability(ws.dataset(), databases);
        } catch (QueryBenchException e) {
            printer.print(CheckResult.fail("Dataset databases", e.error().message(), e.error().remedy()));
            return;
        }
        for (DatasetDatabasesCheck.InstanceReport r : report.instances()) {
            String name = "Database " + r.database() + (r.main() ? "" : ", instance " + r.instance());
            SchemaVerifier.Report schema = r.schema();
            if (schema.ok()) {
                printer.print(CheckResult.ok(name, r.serverVersion() + "; all " + schema.tablesNeeded().size()
                        + " tables and their columns that its questions' gold SQL reads are present"));
                continue;
            }
            List<String> missing = new ArrayList<>();
            schema.versionProblem().ifPresent(missing::add);
            if (!schema.missingTables().isEmpty()) {
                missing.add("missing tables: " + String.join(", ", schema.missingTables()));
            }
            if (!schema.missingColumns().isEmpty()) {
                missing.add("missing columns: " + String.join(", ", schema.missingColumns()));
            }
            printer.print(CheckResult.fail(name, String.join("; ", missing), "load that database to match the dataset"
                    + (r.main() ? "" : "; a test-suite instance needs the same schema as " + r.database())));
        }
        for (DatasetDatabasesCheck.Problem p : report.problems()) {
            printer.print(CheckResult.fail("Database " + p.database(), p.error().message(), p.error().remedy()));
        }
    }

    private static void verifySchema(Workspace ws, ConnectionProfile profile, CheckPrinter printer) {
        try (DatabaseBackend backend = DatabaseBackends.open(profile)) {
            SchemaVerifier.Report report = new SchemaVerifier().verify(ws.dataset(), backend.introspect(),
                    backend.serverVersion());
            if (report.ok()) {
                printer.print(CheckResult.ok("Schema", "all " + report.tablesNeeded().size() + " tables and their"
                        + " columns that dataset " + ws.dataset().name() + "'s gold SQL reads are present"
                        + (report.unparsed().isEmpty() ? "" : " (" + report.unparsed().size() + " queries not parsed)")));
                return;
            }
            report.versionProblem().ifPresent(v -> printer.print(CheckResult.fail("Server version", v,
                    "use a newer server, or gold SQL that older ones run")));
            if (!report.missingTables().isEmpty()) {
                printer.print(CheckResult.fail("Schema", "missing tables: " + String.join(", ",
                        report.missingTables()), "load the dataset's database: querybench db load --db "
                        + profile.name()));
            }
            if (!report.missingColumns().isEmpty()) {
                printer.print(CheckResult.fail("Schema", "missing columns: " + String.join(", ",
                        report.missingColumns()), "check that the database matches the dataset's version"));
            }
        } catch (QueryBenchException e) {
            printer.print(CheckResult.fail("Schema", e.error().message(), e.error().remedy()));
        }
    }

    private int finish(CheckPrinter printer) {
        environment.out().println(printer.failed() ? "The database is not ready; fix the lines marked FAIL."
                : "The database is ready.");
        return printer.failed() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
