package dev.querybench.engine.session;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.DatabaseFolder;
import dev.querybench.engine.db.DatabaseUnavailableException;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The databases a set of questions is scored on, found by the name each question gives (Spider's
 * and BIRD's {@code db_id}, sql-eval's {@code db_name}) through a list of sources tried in order:
 * an explicit mapping to profiles or URLs, a folder of SQLite files ({@code DIR/<db>/<db>.sqlite},
 * further files being test-suite instances), the database of that name on a server, or one
 * database for every question. Each database is opened once, on first use, and checked (an SQLite
 * file must hold tables); one that cannot be found or used raises, for its questions only, the
 * same {@link UnknownDatabaseException} or {@link DatabaseUnavailableException} every time,
 * without trying again, even by callers that were waiting while it failed. Thread-safe; closing it
 * closes every database it opened, and one whose opening was under way closes as soon as it opens
 * (a closed instance opens nothing more).
 */
public final class ScoreDatabases implements AutoCloseable {

    /** Database names that may be put into a server URL. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9_$.-]*");

    /** One instance of a database: a name for verdicts and how to open it. */
    public record Opener(String name, String where, Supplier<DatabaseBackend> open) {}

    /** Finds the instances of a named database (the database itself first), or empty when it does not know the name. */
    @FunctionalInterface
    public interface Source {
        Optional<List<Opener>> find(String name);

        /** Names this source can list, for messages. */
        default List<String> knownNames() {
            return List.of();
        }

        /** Where this source looks (a folder, a server), for messages; empty when it names no place. */
        default String place() {
            return "";
        }
    }

    /** A database ready for questions: its name and its instances' executors. */
    public record Target(String name, List<QuestionDatabases.Instance> instances) {
        public Target {
            instances = List.copyOf(instances);
        }
    }

    private final List<Source> sources;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Map<String, QueryBenchException> failures = new ConcurrentHashMap<>();
    private final Map<String, DatabaseBackend> opened = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ScoreDatabases(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * The database a question names, opened on first use.
     *
     * @throws UnknownDatabaseException when no source knows the name
     * @throws DatabaseUnavailableException when it cannot be opened or is not a database
     */
    public Target of(String questionId, String name) {
        if (closed) {
            throw new IllegalStateException("the score's databases are closed");
        }
        Target known = targets.get(name);
        if (known != null) {
            return known;
        }
        QueryBenchException failed = failures.get(name);
        if (failed != null) {
            throw rethrow(failed, questionId);
        }
        // one lock per name, so the workers that start on different databases open them at once
        synchronized (locks.computeIfAbsent("name:" + name, k -> new Object())) {
            Target target = targets.get(name);
            if (target != null) {
                return target;
            }
            // another worker may have failed to open it while this one waited: not tried again
            QueryBenchException failedMeanwhile = failures.get(name);
            if (failedMeanwhile != null) {
                throw rethrow(failedMeanwhile, questionId);
            }
            try {
                target = open(questionId, name);
            } catch (QueryBenchException e) {
                failures.put(name, e);
                throw e;
            }
            targets.put(name, target);
            return target;
        }
    }

    private static QueryBenchException rethrow(QueryBenchException failed, String questionId) {
        return failed instanceof UnknownDatabaseException u ? u.forQuestion(questionId) : failed;
    }

    private Target open(String questionId, String name) {
        for (Source source : sources) {
            Optional<List<Opener>> found = source.find(name);
            if (found.isPresent()) {
                List<QuestionDatabases.Instance> instances = new ArrayList<>();
                for (Opener opener : found.get()) {
                    instances.add(new QuestionDatabases.Instance(opener.name(), new SafeExecutor(backend(name,
                            opener))));
                }
                return new Target(name, instances);
            }
        }
        LinkedHashSet<String> known = new LinkedHashSet<>();
        sources.forEach(s -> known.addAll(s.knownNames()));
        String places = String.join(", ", sources.stream().map(Source::place).filter(p -> !p.isEmpty()).toList());
        throw new UnknownDatabaseException(questionId, name, List.copyOf(known), places, "correct the question's"
                + " database name, put the database at DIR/" + name + "/" + name + ".sqlite under --db-dir DIR, or map"
                + " it with --db-map " + name + "=PROFILE|URL");
    }

    private DatabaseBackend backend(String name, Opener opener) {
        // names may share a place (one file for every question): it is opened once
        synchronized (locks.computeIfAbsent("where:" + opener.where(), k -> new Object())) {
            DatabaseBackend existing = opened.get(opener.where());
            return existing != null ? existing : openChecked(name, opener);
        }
    }

    private DatabaseBackend openChecked(String name, Opener opener) {
        DatabaseBackend backend;
        try {
            backend = opener.open().get();
        } catch (QueryBenchException e) {
            throw new DatabaseUnavailableException(name, opener.where(), e.error().message(), e.error().remedy());
        }
        try {
            check(backend);
        } catch (QueryExecutionException e) {
            backend.close();
            throw new DatabaseUnavailableException(name, opener.where(), e.getMessage(),
                    "replace the file with a working copy of the database");
        }
        dev.querybench.engine.db.AccountSafety safety;
        try {
            safety = backend.accountSafety();
        } catch (QueryBenchException e) {
            backend.close();
            throw new DatabaseUnavailableException(name, opener.where(), e.error().message(), e.error().remedy());
        }
        if (safety.privileged() && !safety.allowed()) {
            // unusable for untrusted SQL: every item on it is an error, not a failed prediction
            backend.close();
            throw new DatabaseUnavailableException(name, opener.where(), "untrusted SQL does not run under "
                    + safety.account() + ", which holds more than read privileges (" + String.join("; ", safety.excess())
                    + ")", "connect with a reader account ('querybench db reader'), or pass --allow-privileged-account"
                    + " to accept the risk");
        }
        synchronized (this) {
            // opened while close() ran: nothing would close it later
            if (closed) {
                backend.close();
                throw new IllegalStateException("the score's databases are closed");
            }
            opened.put(opener.where(), backend);
        }
        return backend;
    }

    /**
     * One line per opened database whose untrusted SQL runs under a privileged account by opt-in
     * ({@code --allow-privileged-account}): where it is and the account's warning.
     */
    public List<String> privilegedAccounts() {
        List<String> lines = new ArrayList<>();
        opened.forEach((where, backend) -> {
            dev.querybench.engine.db.AccountSafety safety = backend.accountSafety();
            if (safety.privilegedButAllowed()) {
                lines.add(where + ", " + safety.recordLine());
            }
        });
        lines.sort(null);
        return lines;
    }

    /** An SQLite file must open as a database with at least one table (a missing file opened elsewhere is empty). */
    private static void check(DatabaseBackend backend) {
        Optional<String> countQuery = backend.dialect().engine().tableCountQuery();
        if (countQuery.isEmpty()) {
            return;
        }
        QueryResult tables = backend.executeReadOnly(countQuery.get(),
                new QueryLimits(Duration.ofSeconds(30), 1));
        Object n = tables.rows().getFirst().getFirst();
        if (n instanceof Number count && count.longValue() == 0) {
            throw new QueryExecutionException(dev.querybench.engine.db.QueryFailure.SCHEMA,
                    "the file holds no tables", null);
        }
    }

    /** Every question on one database. */
    public static Source single(String name, String where, Supplier<DatabaseBackend> open) {
        return database -> Optional.of(List.of(new Opener(name, where, open)));
    }

    /** SQLite files in Spider's and BIRD's layout; further files in a database's folder are test-suite instances. */
    public static Source folder(Path dir, int poolSize) {
        DatabaseFolder folder = new DatabaseFolder(dir);
        return new Source() {
            @Override
            public Optional<List<Opener>> find(String name) {
                List<Path> files = folder.instances(name);
                return files.isEmpty() ? Optional.empty() : Optional.of(files.stream()
                        .map(f -> new Opener(f.getFileName().toString(), f.toString(),
                                () -> new SqliteBackend(f, poolSize))).toList());
            }

            @Override
            public List<String> knownNames() {
                return folder.names();
            }

            @Override
            public String place() {
                return dir.toString();
            }
        };
    }

    /**
     * The database of the question's name on the server {@code base} points at (PostgreSQL and
     * MySQL: the database; Trino: the schema in the URL's catalog); questions that name none use
     * {@code base} itself.
     */
    public static Source server(ConnectionProfile base) {
        return name -> {
            if (name.isBlank()) {
                return Optional.of(List.of(new Opener(base.name(), base.url().toString(),
                        () -> DatabaseBackends.open(base))));
            }
            ConnectionProfile profile = onServer(base, name);
            return Optional.of(List.of(new Opener(name, profile.url().toString(), () -> {
                if (!PLAIN_NAME.matcher(name).matches()) {
                    throw new DatabaseUnavailableException(name, base.url().toString(), "the name cannot be a "
                            + "database name on a server", "rename the database in the dataset");
                }
                return DatabaseBackends.open(profile);
            })));
        };
    }

    /** The same server and account, for the database (Trino: the schema) of that name. */
    public static ConnectionProfile onServer(ConnectionProfile base, String name) {
        ConnectionUrl url = base.url();
        ConnectionUrl other = url.dialect().schemaInUrl()
                ? new ConnectionUrl(url.dialect(), url.host(), url.port(), url.database(), name, url.options())
                : new ConnectionUrl(url.dialect(), url.host(), url.port(), name, url.schema(), url.options());
        return new ConnectionProfile(name, base.dialect(), other.toJdbcUrl(), base.username(), base.password(),
                base.pool(), base.readerRole(), base.allowPrivilegedAccount());
    }

    /** Names mapped to profiles (or URLs) explicitly; other names fall through to the next source. */
    public static Source mapped(Map<String, Supplier<ConnectionProfile>> mapping) {
        return new Source() {
            @Override
            public Optional<List<Opener>> find(String name) {
                Supplier<ConnectionProfile> profile = mapping.get(name);
                if (profile == null) {
                    return Optional.empty();
                }
                ConnectionProfile p = profile.get();
                return Optional.of(List.of(new Opener(name, p.url().toString(), () -> DatabaseBackends.open(p))));
            }

            @Override
            public List<String> knownNames() {
                return List.copyOf(mapping.keySet());
            }
        };
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
