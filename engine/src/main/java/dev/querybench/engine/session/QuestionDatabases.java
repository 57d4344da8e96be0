package dev.querybench.engine.session;

import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseFolder;
import dev.querybench.engine.db.DatabaseUnavailableException;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The databases a workspace's questions are asked of. A question that names no database is
 * asked of the session's database; one that names a database is asked of the database profile
 * with that name, or else of {@code database/<db>/<db>.sqlite} (Spider's layout) or
 * {@code dev_databases/<db>/<db>.sqlite} (BIRD's) next to the dataset file. A database's
 * test-suite instances are the profile's {@code instances} (profiles or SQLite files), or the
 * other {@code .sqlite} files in a dataset database's folder. When the session's own database is on
 * a server, a name that is neither is the database of that name on the same server (sql-eval's
 * {@code db_name}), reached with the same account.
 *
 * <p>Databases are opened on first use and shared by every question that names them.
 * Thread-safe; closing it closes what it opened, not the session's own database.
 */
public final class QuestionDatabases implements AutoCloseable {

    /** Folders next to the dataset file that hold its databases, in Spider's and BIRD's layouts. */
    public static final List<String> DATASET_FOLDERS = List.of("database", "dev_databases");

    /** One instance of a database: a name for verdicts and its safe executor. */
    public record Instance(String name, SafeExecutor executor) {
        public DatabaseBackend backend() {
            return executor.backend();
        }
    }

    /**
     * A database questions are asked of.
     *
     * @param name the name questions use (the default profile's name for questions that give none)
     * @param instances the database itself first, then its test-suite instances
     */
    public record Target(String name, List<Instance> instances) {
        public Target {
            instances = List.copyOf(instances);
        }

        /** The database prompts show and repairs run on. */
        public Instance main() {
            return instances.getFirst();
        }
    }

    private final Workspace workspace;
    private final String defaultName;
    private final DatabaseBackend defaultBackend;
    private final Function<String, DatabaseBackend> profiles;
    private final int poolSize;
    private final List<DatabaseFolder> folders;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Map<String, DatabaseBackend> opened = new ConcurrentHashMap<>();
    /** Names found to be unknown, with the names that were known then: looked up once per session. */
    private final Map<String, List<String>> unknown = new ConcurrentHashMap<>();
    /** Databases that could not be opened: tried once per session. */
    private final Map<String, DatabaseUnavailableException> unusable = new ConcurrentHashMap<>();
    private final Function<String, Optional<DatabaseBackend>> sameServer;
    private volatile boolean closed;

    /**
     * @param defaultName the profile questions without a database are asked of
     * @param defaultBackend that profile's open database (owned by the caller)
     * @param profiles opens a database profile by name
     * @param poolSize connections for each SQLite file opened from the dataset's folders
     */
    public QuestionDatabases(Workspace workspace, String defaultName, DatabaseBackend defaultBackend,
            Function<String, DatabaseBackend> profiles, int poolSize) {
        this(workspace, defaultName, defaultBackend, profiles, poolSize, name -> Optional.empty());
    }

    /**
     * @param sameServer opens the database of a name on the default database's server, or empty
     *     when that database is not on a server
     */
    public QuestionDatabases(Workspace workspace, String defaultName, DatabaseBackend defaultBackend,
            Function<String, DatabaseBackend> profiles, int poolSize,
            Function<String, Optional<DatabaseBackend>> sameServer) {
        this.sameServer = sameServer;
        this.workspace = workspace;
        this.defaultName = defaultName;
        this.defaultBackend = defaultBackend;
        this.profiles = profiles;
        this.poolSize = poolSize;
        Path datasetFolder = workspace.resolve(workspace.config().dataset()).getParent();
        this.folders = datasetFolder == null ? List.of()
                : DATASET_FOLDERS.stream().map(f -> new DatabaseFolder(datasetFolder.resolve(f))).toList();
    }

    /**
     * One line per database opened so far, other than the session's own, whose untrusted SQL runs
     * under a privileged account by opt-in: its name and the account, with what it may do beyond reading.
     */
    public List<String> privilegedAccounts() {
        List<String> lines = new java.util.ArrayList<>();
        opened.forEach((key, backend) -> {
            if (backend != defaultBackend && backend.accountSafety().privilegedButAllowed()) {
                // keys are "profile:NAME", "server:NAME" or "file:PATH"
                lines.add("database " + key.substring(key.indexOf(':') + 1) + ", " + backend.accountSafety().recordLine());
            }
        });
        lines.sort(null);
        return lines;
    }

    /**
     * The database a question is asked of, opened on first use.
     *
     * @throws UnknownDatabaseException when the question names a database nobody knows
     */
    public Target of(Question question) {
        String name = question.database().isBlank() ? defaultName : question.database();
        Target known = targets.get(name);
        if (known != null) {
            return known;
        }
        List<String> knownThen = unknown.get(name);
        if (knownThen != null) {
            throw new UnknownDatabaseException(question.id(), name, knownThen);
        }
        DatabaseUnavailableException failed = unusable.get(name);
        if (failed != null) {
            throw failed;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the workspace's databases are closed");
            }
            Target target = targets.get(name);
            if (target == null) {
                try {
                    target = open(question.id(), name);
                } catch (UnknownDatabaseException | DatabaseUnavailableException e) {
                    throw e;
                } catch (QueryBenchException e) {
                    DatabaseUnavailableException wrapped = new DatabaseUnavailableException(name, "database '" + name
                            + "'", e.error().message(), e.error().remedy());
                    unusable.put(name, wrapped);
                    throw wrapped;
                }
                targets.put(name, target);
            }
            return target;
        }
    }

    /** Names questions may give: the profiles, then the databases next to the dataset. */
    public List<String> knownNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>(workspace.config().databaseProfileNames());
        folders.forEach(f -> names.addAll(f.names()));
        return List.copyOf(names);
    }

    private Target open(String questionId, String name) {
        Optional<DatabaseConfig> profile = workspace.config().databaseProfile(name);
        if (profile.isPresent()) {
            List<Instance> instances = new ArrayList<>();
            instances.add(new Instance(name, new SafeExecutor(profileBackend(name))));
            for (String instance : profile.get().instances()) {
                DatabaseBackend backend = workspace.config().databaseProfile(instance).isPresent()
                        ? profileBackend(instance) : file(workspace.resolve(instance));
                instances.add(new Instance(instance, new SafeExecutor(backend)));
            }
            return new Target(name, instances);
        }
        for (DatabaseFolder folder : folders) {
            List<Path> files = folder.instances(name);
            if (!files.isEmpty()) {
                return new Target(name, files.stream()
                        .map(f -> new Instance(f.getFileName().toString(), new SafeExecutor(file(f)))).toList());
            }
        }
        Optional<DatabaseBackend> onServer = sameServer.apply(name);
        if (onServer.isPresent()) {
            DatabaseBackend backend = onServer.get();
            opened.put("server:" + name, backend);
            return new Target(name, List.of(new Instance(name, new SafeExecutor(backend))));
        }
        List<String> knownNow = knownNames();
        unknown.put(name, knownNow);
        throw new UnknownDatabaseException(questionId, name, knownNow);
    }

    private DatabaseBackend profileBackend(String name) {
        if (name.equals(defaultName)) {
            return defaultBackend;
        }
        return opened.computeIfAbsent("profile:" + name, k -> profiles.apply(name));
    }

    private DatabaseBackend file(Path file) {
        return opened.computeIfAbsent("file:" + file.toAbsolutePath().normalize(),
                k -> new SqliteBackend(file, poolSize));
    }

    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException first = null;
        for (DatabaseBackend backend : opened.values()) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        targets.clear();
        if (first != null) {
            throw first;
        }
    }
}
