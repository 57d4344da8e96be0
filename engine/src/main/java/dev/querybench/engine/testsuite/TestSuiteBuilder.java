package dev.querybench.engine.testsuite;

import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryLimits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a distilled test suite for one SQLite database (Zhong, Yu and Klein 2020): the
 * neighbours of every gold query, random databases with the real one's schema and value
 * distributions, and the fewest of those databases that tell each gold from the most neighbours.
 *
 * <p>Gold and neighbours run only through the safe executor ({@link NeighbourRuns}), read-only, with the
 * settings' limits; the random databases are written by {@link DatabaseGenerator} with our own
 * statements. A neighbour is <em>killed</em> on a database when its result differs from gold's
 * there, as strict matching would judge it, or when it fails where gold runs. Neighbours that fail
 * on the real database are left out (no prediction like them could pass). The universe to cover is
 * the neighbours that <em>pass</em> on the real database: the false positives a single database lets
 * through. Candidates are generated one by one ({@link CandidateSearch}: seed, index and plan fix
 * each one), each tested against every neighbour; generation stops at the candidate limit, after {@code patience}
 * candidates in a row that kill nothing new, or at the time budget. Then the greedy set cover picks
 * the candidate that kills the most neighbours not yet killed, ties to the earliest, until nothing
 * more is gained or the instance limit is reached. The same seed and inputs give the same suite.
 * Each candidate's kills are kept in the work folder under a key of everything that decides them,
 * so an interrupted build resumes where it stopped. Not thread-safe; does file and database I/O.
 */
public final class TestSuiteBuilder {

    /**
     * @param seed fixes every random choice
     * @param maxInstances most databases the suite keeps
     * @param candidates most random databases tried
     * @param patience stop after this many candidates in a row that kill no new neighbour
     * @param maxNeighbours most neighbours per gold query
     * @param budget stop generating candidates after this long
     * @param limits timeout and row cap for each query
     */
    public record Settings(long seed, int maxInstances, int candidates, int patience, int maxNeighbours,
            Duration budget, QueryLimits limits) {
        public static Settings defaults(long seed) {
            return new Settings(seed, 16, 400, 30, 80, Duration.ofMinutes(5),
                    new QueryLimits(Duration.ofSeconds(5), 10_000));
        }
    }

    /**
     * A database to build a suite for.
     *
     * @param database its name in the workspace (a profile or a dataset database)
     * @param file the real SQLite file
     * @param questions the questions asked of it
     * @param output the folder the suite's instance files go to
     * @param workFolder the folder for candidates and the resume cache
     */
    public record Target(String database, Path file, List<Question> questions, Path output, Path workFolder,
            Server server) {
        public Target {
            questions = List.copyOf(questions);
        }

        /** A SQLite database. */
        public Target(String database, Path file, List<Question> questions, Path output, Path workFolder) {
            this(database, file, questions, output, workFolder, null);
        }

        /** A database on a PostgreSQL or MySQL/MariaDB server; {@code workFolder} holds candidates and the resume cache. */
        public static Target onServer(String database, Server server, List<Question> questions, Path workFolder) {
            return new Target(database, null, questions, workFolder, workFolder, server);
        }
    }

    /**
     * Where a server database's suite goes (docs/testsuite.md): instances are schemas (PostgreSQL)
     * or databases (MySQL/MariaDB) named by {@link #serverInstanceName}, created through {@code admin}
     * and made readable by {@code profile}'s account, which runs gold and every neighbour.
     *
     * @param profile the database profile's connection (the account untrusted SQL runs under)
     * @param admin the same database with an account that may create schemas or databases and grant
     */
    public record Server(ConnectionProfile profile, ConnectionProfile admin) {
        @Override
        public String toString() {
            return "Server[" + profile + ", admin " + admin.username() + "]";
        }
    }

    /** A neighbour that passes on the real database and on every instance: maybe an equivalent rewrite. */
    public record Survivor(String sql, String change) {}

    /**
     * What the suite does for one question.
     *
     * @param equivalent neighbours left out because a rule shows they are equivalent rewrites
     * @param neighbours neighbours that run on the real database
     * @param caughtByOriginal of those, the ones whose result already differs there
     * @param passOnOriginal the ones that pass there (false positives of a single database)
     * @param killedBySuite of those, the ones some instance of the suite kills
     * @param problem why the question has no neighbours (gold does not parse or fails), or empty
     */
    public record QuestionReport(String questionId, String gold, int equivalent, int neighbours, int caughtByOriginal,
            int passOnOriginal, int killedBySuite, List<Survivor> survivors, String problem) {
        public QuestionReport {
            survivors = List.copyOf(survivors);
        }
    }

    /** One instance of the suite: its file, how many neighbours it kills alone and its content hash. */
    public record InstanceReport(String name, Path file, int rowsPerTable, int kills, long bytes, String contentHash) {}

    /** The suite of one database. */
    public record DatabaseReport(String database, List<InstanceReport> instances, List<QuestionReport> questions,
            int candidatesTried, boolean budgetReached, Duration elapsed) {
        public DatabaseReport {
            instances = List.copyOf(instances);
            questions = List.copyOf(questions);
        }

        public int passOnOriginal() {
            return questions.stream().mapToInt(QuestionReport::passOnOriginal).sum();
        }

        public int killedBySuite() {
            return questions.stream().mapToInt(QuestionReport::killedBySuite).sum();
        }
    }

    /**
     * How far a build is. While neighbours run on the real database, {@code questionsDone} counts the
     * questions done and {@code candidatesTried} is 0; while candidates are tried, {@code questionsDone}
     * counts the questions whose every neighbour that passes there some candidate catches.
     *
     * @param caught neighbours that pass on the real database and some candidate catches
     * @param toCatch neighbours that pass on the real database
     * @param useful candidates that caught a neighbour no earlier one caught: the most the suite can keep
     */
    public record Step(String database, int questionsDone, int questions, int candidatesTried, int candidates,
            int caught, int toCatch, int useful) {}

    /** Builds the suite of {@code target}, writes its instance files and returns what it found. */
    public DatabaseReport build(Target target, Settings settings, Consumer<String> progress) {
        return build(target, settings, progress, step -> { });
    }

    /**
     * Like {@link #build(Target, Settings, Consumer)}, also reporting each {@link Step}. A listener that
     * throws stops the build: the exception reaches the caller and the suite written before stays.
     */
    public DatabaseReport build(Target target, Settings settings, Consumer<String> progress, Consumer<Step> steps) {
        long start = System.nanoTime();
        Dialect dialect = target.server() == null ? SqliteEngine.DIALECT : target.server().profile().dialect();
        List<QuestionCase> cases = new ArrayList<>();
        for (Question q : target.questions()) {
            cases.add(new QuestionCase(q, NeighbourRuns.gold(q, dialect)));
        }
        NeighbourRuns runs = new NeighbourRuns(settings.limits());
        if (target.server() != null) {
            return new ServerSuite(target, settings, cases, runs).build(start, progress, steps);
        }
        SqliteSchema schema;
        ValuePools pools;
        try (Connection real = SuiteFiles.readOnly(target.file())) {
            schema = SqliteSchema.read(real);
            List<NeighbourGenerator.Constant> constants = new ArrayList<>();
            cases.forEach(c -> constants.addAll(runs.constants(c)));
            pools = ValuePools.read(real, schema, constants);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of " + target.file() + ": " + e.getMessage(), e);
        }
        runs.onOriginal(target.file(), cases, schema, settings.maxNeighbours(), done -> steps.accept(
                new Step(target.database(), done, cases.size(), 0, settings.candidates(), 0, 0, 0)));
        progress.accept(String.format("%s: %d questions, %d neighbours, %d pass on the real database",
                target.database(), cases.size(), cases.stream().mapToInt(c -> c.neighbours.size()).sum(),
                cases.stream().mapToInt(c -> c.passOnOriginal.cardinality()).sum()));

        CandidateSearch search = new CandidateSearch(target, settings, cases, schema, pools,
                file -> runs.kills(file, cases));
        search.run(start, progress, steps);
        List<Integer> chosen = SuiteFiles.distil(search.kills(), cases, settings.maxInstances());
        List<InstanceReport> instances = SuiteFiles.write(target, chosen, search.kills(), search.sizes(), cases);
        return report(target, cases, chosen, search, instances, start);
    }

    static DatabaseReport report(Target target, List<QuestionCase> cases, List<Integer> chosen, CandidateSearch search,
            List<InstanceReport> instances, long start) {
        return new DatabaseReport(target.database(), instances, questionReports(cases, chosen, search.kills()),
                search.kills().size(), search.budgetReached(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<QuestionReport> questionReports(List<QuestionCase> cases, List<Integer> chosen,
            List<BitSet[]> kills) {
        List<QuestionReport> questions = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            QuestionCase c = cases.get(i);
            BitSet suiteKills = new BitSet();
            for (int k : chosen) {
                suiteKills.or(kills.get(k)[i]);
            }
            List<Survivor> survivors = new ArrayList<>();
            BitSet left = c.survivors(suiteKills);
            for (int n = left.nextSetBit(0); n >= 0; n = left.nextSetBit(n + 1)) {
                survivors.add(new Survivor(c.neighbours.get(n).sql(), c.neighbours.get(n).change()));
            }
            questions.add(new QuestionReport(c.question.id(), c.gold, c.equivalent, c.neighbours.size(),
                    c.caughtByOriginal, c.passOnOriginal.cardinality(), c.caught(suiteKills), survivors, c.problem));
        }
        return questions;
    }

    /** The file name of the suite's {@code n}th instance of a database. */
    public static String instanceName(String database, int n) {
        return SuiteFiles.instanceName(database, n);
    }

    /**
     * The name of the {@code n}th instance (from 1) of a server database's suite built with {@code seed}:
     * a schema on PostgreSQL, a database on MySQL/MariaDB, {@code qbts_<profile>_s<seed>_<n>}.
     */
    public static String serverInstanceName(String database, long seed, int n) {
        return ServerInstances.baseName(database, seed) + "_" + n;
    }

    /**
     * Drops instances of a server database's suite an earlier build wrote (schemas on PostgreSQL,
     * databases on MySQL/MariaDB) through the server's admin account; a name that is not a suite's
     * ({@code qbts_} and {@code [a-z0-9_]}) is refused, so nothing else is ever dropped.
     *
     * @throws IllegalStateException when the server refuses
     */
    public static void dropServerInstances(Server server, List<String> areas) {
        for (String area : areas) {
            if (!area.matches("qbts_[a-z0-9_]+")) {
                throw new IllegalArgumentException("not a test-suite instance: " + area);
            }
        }
        try (ServerInstances instances = new ServerInstances(server.profile(), server.admin(), null)) {
            for (String area : areas) {
                instances.drop(area);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the old instances " + String.join(", ", areas) + " on "
                    + server.profile().dialect().displayName() + " with the admin account: " + e.getMessage(), e);
        }
    }

    /** True for a file a suite of {@code database} wrote (replaced when the suite is built again). */
    public static boolean isSuiteFile(String database, Path file) {
        return SuiteFiles.isSuiteFile(database, file);
    }

    /** A hash of every table's rows in order: the same for databases with the same content. */
    public static String contentHash(Path file) {
        return SuiteFiles.contentHash(file);
    }
}
