package dev.querybench.engine.session;

import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseFolder;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import dev.querybench.engine.testsuite.TestSuiteReport;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Test suites for a workspace's databases (docs/testsuite.md), as {@code querybench dataset
 * testsuite} and the Datasets screen build them: finds each database the questions are asked of (a
 * SQLite, PostgreSQL or MySQL/MariaDB profile, or a SQLite file next to the dataset), builds its suite with
 * {@link TestSuiteBuilder}, lists the suite under the profile's {@code instances:} (keeping the
 * instances the user listed; a server suite's instances as profiles of their own, see
 * {@link ServerSuiteProfiles}) and writes the report. Does file and database I/O; not thread-safe.
 */
public final class WorkspaceTestSuite {

    /** A database that got no suite, and why. */
    public record Problem(String database, String message) {}

    /** What a build did; {@code savedTo} names the databases whose instances went into the profile. */
    public record Outcome(List<TestSuiteBuilder.DatabaseReport> reports, List<Problem> problems, List<String> savedTo,
            Path reportFolder) {
        public Outcome {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
            savedTo = List.copyOf(savedTo);
        }
    }

    /**
     * The privileged account that creates a server database's instances (PostgreSQL: schemas in the
     * profile's database; MySQL/MariaDB: databases) and grants the profile's account reading them.
     *
     * @param user the account's name
     * @param password its password, or null for none
     */
    public record Admin(String user, String password) {
        @Override
        public String toString() {
            return "Admin[" + user + (password == null ? "" : ", password=****") + "]";
        }
    }

    private final Workspace ws;
    private final SecretResolver secrets;

    public WorkspaceTestSuite(Workspace workspace, SecretResolver secrets) {
        this.ws = workspace;
        this.secrets = secrets;
    }

    /**
     * The admin account {@code user} with the password {@code password} holds (null for none).
     *
     * @throws dev.querybench.engine.config.ConfigException when the variable or keyring entry is not set
     */
    public Admin admin(String user, dev.querybench.engine.config.SecretRef password) {
        if (password == null) {
            return new Admin(user, null);
        }
        return new Admin(user, secrets.resolve(password).orElseThrow(() -> new dev.querybench.engine.config
                .ConfigException("the admin account's password is read from " + password.describe()
                        + ", which is not set", password.howToSet(), null)));
    }

    /** The questions of each database they are asked of, in dataset order; only the {@code only} ones unless empty. */
    public Map<String, List<Question>> questionsByDatabase(List<String> only) {
        String defaultName = ws.config().database().nameOrDefault();
        Map<String, List<Question>> byDatabase = new LinkedHashMap<>();
        for (Question q : ws.dataset().questions()) {
            String name = q.database().isBlank() ? defaultName : q.database();
            if (only.isEmpty() || only.contains(name)) {
                byDatabase.computeIfAbsent(name, k -> new ArrayList<>()).add(q);
            }
        }
        return byDatabase;
    }

    /** The folder the suites of dataset databases, the work files and the report go to. */
    public Path folder() {
        return ws.stateFolder().resolve("testsuite");
    }

    /**
     * Why no database of the dataset can get a suite (none is on SQLite), or empty when one can. Reads
     * the profiles only; a missing file is found by {@link #build}.
     */
    public Optional<String> unsupported() {
        List<String> engines = new ArrayList<>();
        for (String name : questionsByDatabase(List.of()).keySet()) {
            if (ws.config().databaseProfile(name).isEmpty()) {
                return Optional.empty();
            }
            Dialect dialect = WorkspaceSession.databaseProfile(ws, secrets, name).dialect();
            if (!dialect.isServer() || dialect.engine().suiteAreas().isPresent()) {
                return Optional.empty();
            }
            engines.add(name + " is on " + dialect.displayName());
        }
        return Optional.of("Test suites are generated for SQLite, PostgreSQL and MySQL/MariaDB databases: "
                + (engines.isEmpty() ? "the dataset has no questions" : String.join(", ", engines)) + ".");
    }

    /**
     * The databases of the dataset on a PostgreSQL or MySQL/MariaDB server (their suites need an
     * {@link Admin} account), by name with their engine; reads the profiles only.
     */
    public Map<String, Dialect> serverDatabases() {
        Map<String, Dialect> servers = new LinkedHashMap<>();
        for (String name : questionsByDatabase(List.of()).keySet()) {
            if (ws.config().databaseProfile(name).isPresent()) {
                Dialect dialect = WorkspaceSession.databaseProfile(ws, secrets, name).dialect();
                if (dialect.engine().suiteAreas().isPresent()) {
                    servers.put(name, dialect);
                }
            }
        }
        return servers;
    }

    /**
     * Builds the suite of every database in {@code byDatabase} (see {@link #questionsByDatabase}) and
     * writes the report; with {@code save}, lists each profile's suite under its {@code instances:}. A
     * listener that throws stops the build (the exception reaches the caller).
     */
    public Outcome build(Map<String, List<Question>> byDatabase, TestSuiteBuilder.Settings settings, boolean save,
            Consumer<String> lines, Consumer<TestSuiteBuilder.Step> steps) {
        return build(byDatabase, settings, save, null, lines, steps);
    }

    /**
     * As {@link #build(Map, TestSuiteBuilder.Settings, boolean, Consumer, Consumer)}, with the account
     * that creates the instances of server databases ({@code admin}; null when there are none).
     */
    public Outcome build(Map<String, List<Question>> byDatabase, TestSuiteBuilder.Settings settings, boolean save,
            Admin admin, Consumer<String> lines, Consumer<TestSuiteBuilder.Step> steps) {
        List<TestSuiteBuilder.DatabaseReport> reports = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> saved = new ArrayList<>();
        for (Map.Entry<String, List<Question>> entry : byDatabase.entrySet()) {
            String name = entry.getKey();
            TestSuiteBuilder.Target target;
            try {
                target = target(name, entry.getValue(), admin, settings.seed());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(name, e.getMessage()));
                continue;
            }
            List<String> before = target.server() == null ? List.of() : ServerSuiteProfiles.registeredAreas(ws, name);
            TestSuiteBuilder.DatabaseReport report;
            try {
                report = new TestSuiteBuilder().build(target, settings, lines, steps);
            } catch (java.util.concurrent.CancellationException e) {
                throw e;
            } catch (IllegalStateException | UncheckedIOException e) {
                problems.add(new Problem(name, "database '" + name + "': no test suite: " + e.getMessage()
                        + (target.server() == null ? " (check that the file is a SQLite database and the folders are"
                                + " writable)" : "")));
                continue;
            }
            reports.add(report);
            boolean changed = save && ws.config().databaseProfile(name).isPresent() && (target.server() == null
                    ? saveInstances(name, report) : ServerSuiteProfiles.save(ws, name, report));
            if (changed) {
                saved.add(name);
            }
            if (save && target.server() != null) {
                dropReplaced(target, before, report, lines, problems);
            }
        }
        TestSuiteReport.write(folder(), reports, settings.seed());
        return new Outcome(reports, problems, saved, folder());
    }

    private TestSuiteBuilder.Target target(String name, List<Question> questions, Admin admin, long seed) {
        Path suiteFolder = folder();
        Path work = suiteFolder.resolve("work").resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_"));
        Optional<DatabaseConfig> profile = ws.config().databaseProfile(name);
        if (profile.isPresent()) {
            ConnectionProfile connection = WorkspaceSession.databaseProfile(ws, secrets, name);
            if (connection.dialect().engine().suiteAreas().isPresent()) {
                return serverTarget(name, connection, questions, admin, work);
            }
            if (connection.dialect().isServer()) {
                throw new IllegalArgumentException("database '" + name + "' is on "
                        + connection.dialect().displayName() + "; test suites are generated for SQLite, PostgreSQL"
                        + " and MySQL/MariaDB databases (skipped)");
            }
            Path file = Path.of(connection.url().database());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("database '" + name + "': SQLite file " + file + " does not exist;"
                        + " build it (give the profile init: scripts) or fix its path (skipped)");
            }
            return new TestSuiteBuilder.Target(name, file, questions, suiteFolder.resolve(name), work);
        }
        Path datasetFolder = ws.resolve(ws.config().dataset()).getParent();
        for (String folder : QuestionDatabases.DATASET_FOLDERS) {
            Optional<Path> file = new DatabaseFolder(datasetFolder.resolve(folder)).file(name);
            if (file.isPresent()) {
                return new TestSuiteBuilder.Target(name, file.get(), questions, file.get().getParent(), work);
            }
        }
        throw new IllegalArgumentException("database '" + name + "' is neither a profile of the workspace nor a SQLite"
                + " file in database/ or dev_databases/ next to the dataset (skipped)");
    }

    private static TestSuiteBuilder.Target serverTarget(String name, ConnectionProfile connection,
            List<Question> questions, Admin admin, Path work) {
        if (admin == null || admin.user() == null || admin.user().isBlank()) {
            throw new IllegalArgumentException("database '" + name + "' is on " + connection.dialect().displayName()
                    + ": its test suite is written as new " + connection.dialect().engine().suiteAreas().orElseThrow()
                    .areaNoun() + " on the server, which needs an account that may create them and grant"
                    + " reading (give it with --user and --password-env, as for db reader) (skipped)");
        }
        TestSuiteBuilder.Server server = new TestSuiteBuilder.Server(connection,
                connection.withCredentials(admin.user(), admin.password()));
        Path folder = work.resolveSibling(work.getFileName() + "-" + connection.dialect().id());
        return TestSuiteBuilder.Target.onServer(name, server, questions, folder);
    }

    /**
     * Drops the instances an earlier build registered (another seed's, or higher numbers) that the
     * new suite does not use: the workspace no longer lists them, so nothing would ever read them.
     */
    private static void dropReplaced(TestSuiteBuilder.Target target, List<String> before,
            TestSuiteBuilder.DatabaseReport report, Consumer<String> lines, List<Problem> problems) {
        List<String> kept = report.instances().stream().map(TestSuiteBuilder.InstanceReport::name).toList();
        List<String> stale = before.stream().filter(area -> !kept.contains(area)).distinct().toList();
        if (stale.isEmpty()) {
            return;
        }
        try {
            TestSuiteBuilder.dropServerInstances(target.server(), stale);
            lines.accept(target.database() + ": dropped the instances of the suite built before: "
                    + String.join(", ", stale));
        } catch (IllegalStateException e) {
            problems.add(new Problem(target.database(), "database '" + target.database() + "': " + e.getMessage()
                    + " (drop them by hand: DROP SCHEMA … CASCADE on PostgreSQL, DROP DATABASE on MySQL/MariaDB)"));
        }
    }

    /** Replaces the suite listed under the profile's instances; true when the profile changed. */
    private boolean saveInstances(String name, TestSuiteBuilder.DatabaseReport report) {
        DatabaseConfig db = ws.config().databaseProfile(name).orElseThrow();
        List<String> instances = new ArrayList<>();
        for (String existing : db.instances()) {
            if (!TestSuiteBuilder.isSuiteFile(name, Path.of(existing))) {
                instances.add(existing);
            }
        }
        for (TestSuiteBuilder.InstanceReport instance : report.instances()) {
            instances.add(ws.root().toAbsolutePath().normalize().relativize(instance.file().toAbsolutePath().normalize())
                    .toString().replace('\\', '/'));
        }
        if (instances.equals(db.instances())) {
            return false;
        }
        DatabaseConfig updated = new DatabaseConfig(db.name(), db.type(), db.path(), db.init(), db.url(), db.host(),
                db.port(), db.database(), db.schema(), db.username(), db.password(), db.options(), db.poolSize(),
                db.connectTimeoutSeconds(), instances, db.readerRole(), db.allowPrivilegedAccount());
        new WorkspaceProfileWriter().save(ws.root(), new WorkspaceProfileWriter.Profile(updated, List.of(), null));
        return true;
    }

    /** The workspace's profile file, where saved instances are listed. */
    public Path configFile() {
        return ws.root().resolve(Workspace.CONFIG_FILE);
    }
}
