package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseDefinition;
import dev.querybench.engine.db.DatasetDatabaseLoader;
import dev.querybench.engine.db.LoadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code querybench db load}: loads the workspace's database definition (its schema and data
 * scripts) into any engine with a writable account, idempotently, and checks the data.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Create or upgrade a dataset's database on a server from the workspace's portable schema and"
                + " data scripts (the init scripts of its database profiles), then check row counts and foreign"
                + " keys. Needs an account that may write (--user, --password-env).")
final class DbLoadCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--schema", paramLabel = "FILE", description = "Schema script (default: the first init script).")
    Path schema;

    @Option(names = "--data", paramLabel = "FILE", description = "Data script (default: the other init scripts).")
    Path data;

    DbLoadCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        Workspace ws = database.requireWorkspace(environment);
        DatabaseConfig source = ws.config().databaseProfile(null).filter(d -> !d.init().isEmpty())
                .or(() -> ws.config().databases().stream().filter(d -> !d.init().isEmpty()).findFirst())
                .orElse(null);
        List<Path> scripts = source == null ? List.of() : source.init().stream().map(ws::resolve).toList();
        Path schemaFile = schema != null ? schema : scripts.isEmpty() ? null : scripts.getFirst();
        if (schemaFile == null) {
            throw new ConfigException("no schema script: the workspace's database profiles have no init scripts",
                    "pass --schema and --data", null);
        }
        String dataSql = data != null ? Files.readString(data) : String.join(";\n",
                readAll(scripts.stream().skip(1).toList()));
        String name = source != null ? source.nameOrDefault() : ws.dataset().name();
        DatabaseDefinition definition;
        try {
            definition = DatabaseDefinition.fromScripts(name, Files.readString(schemaFile), dataSql);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "write the scripts in portable SQL (see the sample's db/README.md)",
                    e);
        }
        ConnectionProfile profile = database.profile(environment);
        LoadReport report = new DatasetDatabaseLoader(environment.clock()).load(profile, definition);
        long rows = report.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        environment.out().println(switch (report.action()) {
            case CREATED -> "Created";
            case UPGRADED -> "Rebuilt (new version)";
            case UNCHANGED -> "Already loaded";
        } + " database '" + name + "' version " + report.version() + " on " + profile.dialect().displayName() + ": "
                + report.rowCounts().size() + " tables, " + rows + " rows (" + report.elapsed().toMillis() + " ms)");
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(report.rowCounts()).entrySet()) {
            environment.out().println("  " + e.getKey() + ": " + e.getValue());
        }
        report.problems().forEach(p -> environment.out().println("PROBLEM " + p));
        return report.ok() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private static List<String> readAll(List<Path> files) throws IOException {
        List<String> texts = new java.util.ArrayList<>();
        for (Path f : files) {
            texts.add(Files.readString(f));
        }
        return texts;
    }
}
