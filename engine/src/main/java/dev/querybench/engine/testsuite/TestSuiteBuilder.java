package dev.querybench.engine.testsuite;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.OrderDetector;
import dev.querybench.engine.evaluation.sql.OrderKeys;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.sqlite.SQLiteConfig;

/**
 * Builds a distilled test suite for one SQLite database (Zhong, Yu and Klein 2020): the
 * neighbours of every gold query, random databases with the real one's schema and value
 * distributions, and the fewest of those databases that tell each gold from the most neighbours.
 *
 * <p>Gold and neighbours run only through the {@link SafeExecutor}, read-only, with the
 * settings' limits; the random databases are written by {@link DatabaseGenerator} with our own
 * statements. A neighbour is <em>killed</em> on a database when its result differs from gold's
 * there, as strict matching would judge it, or when it fails where gold runs. Neighbours that fail
 * on the real database are left out (no prediction like them could pass). The universe to cover is
 * the neighbours that <em>pass</em> on the real database: the false positives a single database lets
 * through. Candidates are generated one by one (seed, index and size fix each one), each tested
 * against every neighbour; generation stops at the candidate limit, after {@code patience}
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
            return new Settings(seed, 10, 60, 30, 80, Duration.ofMinutes(5),
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
    public record Target(String database, Path file, List<Question> questions, Path output, Path workFolder) {
        public Target {
            questions = List.copyOf(questions);
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

    private static final int[] SIZES = {4, 8, 3, 12, 6, 20, 5, 10};

    private final NeighbourGenerator generator = new NeighbourGenerator();
    private final ResultComparator comparator = new ResultComparator();

    /** One question's gold and neighbours with what they do on the real database. */
    private static final class Case {
        final Question question;
        final String gold;
        final boolean ordered;
        final int[] orderKeys;
        final List<NeighbourGenerator.Neighbour> neighbours = new ArrayList<>();
        final BitSet passOnOriginal = new BitSet();
        int caughtByOriginal;
        int equivalent;
        String problem = "";

        Case(Question question, String gold) {
            this.question = question;
            this.gold = gold;
            boolean o = false;
            int[] keys = null;
            try {
                var statement = CCJSqlParserUtil.parse(gold);
                o = OrderDetector.isOrdered(statement);
                keys = o ? OrderKeys.of(statement).orElse(null) : null;
            } catch (Exception | StackOverflowError e) {
                o = OrderDetector.textuallyOrdered(gold);
            }
            this.ordered = o;
            this.orderKeys = keys;
        }
    }

    /** Builds the suite of {@code target}, writes its instance files and returns what it found. */
    public DatabaseReport build(Target target, Settings settings, Consumer<String> progress) {
        long start = System.nanoTime();
        SqliteSchema schema;
        ValuePools pools;
        List<Case> cases = new ArrayList<>();
        for (Question q : target.questions()) {
            List<String> golds = q.goldFor(Dialect.SQLITE);
            cases.add(new Case(q, golds.getFirst()));
        }
        try (Connection real = readOnly(target.file())) {
            schema = SqliteSchema.read(real);
            List<NeighbourGenerator.Constant> constants = new ArrayList<>();
            cases.forEach(c -> constants.addAll(generator.constants(c.gold)));
            pools = ValuePools.read(real, schema, constants);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of " + target.file() + ": " + e.getMessage(), e);
        }
        int total = 0;
        try (SqliteBackend backend = new SqliteBackend(target.file(), 1)) {
            SafeExecutor executor = new SafeExecutor(backend);
            for (Case c : cases) {
                Optional<QueryResult> gold = run(executor, c.gold, settings.limits());
                if (gold.isEmpty()) {
                    c.problem = "gold fails on the database";
                    continue;
                }
                List<NeighbourGenerator.Neighbour> all;
                try {
                    all = generator.neighbours(c.gold, schema);
                } catch (IllegalStateException e) {
                    all = List.of();
                }
                if (all.isEmpty()) {
                    c.problem = "gold has no neighbours (it does not parse as one SELECT, or its tree cannot be changed)";
                }
                for (NeighbourGenerator.Neighbour n : all) {
                    if (c.neighbours.size() == settings.maxNeighbours()) {
                        break;
                    }
                    if (n.equivalent()) {
                        c.equivalent++;
                        continue;
                    }
                    Optional<QueryResult> result = run(executor, n.sql(), settings.limits());
                    if (result.isEmpty()) {
                        continue;
                    }
                    int index = c.neighbours.size();
                    c.neighbours.add(n);
                    if (same(c, gold.get(), result.get())) {
                        c.passOnOriginal.set(index);
                    } else {
                        c.caughtByOriginal++;
                    }
                }
                total += c.passOnOriginal.cardinality();
            }
        }
        progress.accept(String.format("%s: %d questions, %d neighbours, %d pass on the real database",
                target.database(), cases.size(), cases.stream().mapToInt(c -> c.neighbours.size()).sum(), total));

        String inputKey = inputKey(schema, cases, settings);
        List<BitSet[]> kills = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        BitSet[] killedSoFar = newSets(cases.size());
        int sinceLastGain = 0;
        boolean budgetReached = false;
        DatabaseGenerator databases = new DatabaseGenerator(schema, pools);
        for (int k = 0; k < settings.candidates(); k++) {
            if (total == 0 || sinceLastGain >= settings.patience()) {
                break;
            }
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(settings.budget()) > 0) {
                budgetReached = true;
                progress.accept(target.database() + ": time budget reached after " + k + " candidates");
                break;
            }
            int rows = SIZES[k % SIZES.length];
            Path file = candidateFile(target, k);
            BitSet[] killed = Files.isRegularFile(file) ? cachedKills(target, k, inputKey, cases.size()) : null;
            boolean kept = killed != null;
            if (!kept) {
                databases.write(file, candidateSeed(settings.seed(), target.database(), k), rows);
                killed = kills(file, cases, settings.limits());
                saveKills(target, k, inputKey, killed);
            }
            kills.add(killed);
            sizes.add(rows);
            int gain = 0;
            for (int i = 0; i < cases.size(); i++) {
                BitSet fresh = (BitSet) killed[i].clone();
                fresh.and(cases.get(i).passOnOriginal);
                fresh.andNot(killedSoFar[i]);
                gain += fresh.cardinality();
                killedSoFar[i].or(fresh);
            }
            sinceLastGain = gain == 0 ? sinceLastGain + 1 : 0;
            progress.accept(String.format("%s: candidate %d (%d rows a table): %d new, %d of %d killed (%.1f s)%s",
                    target.database(), k + 1, rows, gain, count(killedSoFar), total,
                    (System.nanoTime() - start) / 1e9, kept ? " (kept from an earlier build)" : ""));
        }

        List<Integer> chosen = distil(kills, cases, settings.maxInstances());
        List<InstanceReport> instances = writeInstances(target, chosen, kills, sizes, cases);
        BitSet[] suiteKills = newSets(cases.size());
        for (int k : chosen) {
            for (int i = 0; i < cases.size(); i++) {
                suiteKills[i].or(kills.get(k)[i]);
            }
        }
        List<QuestionReport> questions = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            BitSet killed = (BitSet) suiteKills[i].clone();
            killed.and(c.passOnOriginal);
            List<Survivor> survivors = new ArrayList<>();
            for (int n = c.passOnOriginal.nextSetBit(0); n >= 0; n = c.passOnOriginal.nextSetBit(n + 1)) {
                if (!killed.get(n)) {
                    survivors.add(new Survivor(c.neighbours.get(n).sql(), c.neighbours.get(n).change()));
                }
            }
            questions.add(new QuestionReport(c.question.id(), c.gold, c.equivalent, c.neighbours.size(), c.caughtByOriginal,
                    c.passOnOriginal.cardinality(), killed.cardinality(), survivors, c.problem));
        }
        return new DatabaseReport(target.database(), instances, questions, kills.size(), budgetReached,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Greedy set cover of the neighbours that pass on the real database. */
    private static List<Integer> distil(List<BitSet[]> kills, List<Case> cases, int maxInstances) {
        List<Integer> chosen = new ArrayList<>();
        BitSet[] covered = newSets(cases.size());
        while (chosen.size() < maxInstances) {
            int best = -1;
            int bestGain = 0;
            for (int k = 0; k < kills.size(); k++) {
                if (chosen.contains(k)) {
                    continue;
                }
                int gain = 0;
                for (int i = 0; i < cases.size(); i++) {
                    BitSet fresh = (BitSet) kills.get(k)[i].clone();
                    fresh.and(cases.get(i).passOnOriginal);
                    fresh.andNot(covered[i]);
                    gain += fresh.cardinality();
                }
                if (gain > bestGain) {
                    best = k;
                    bestGain = gain;
                }
            }
            if (best < 0) {
                break;
            }
            chosen.add(best);
            for (int i = 0; i < cases.size(); i++) {
                covered[i].or(kills.get(best)[i]);
            }
        }
        return chosen;
    }

    private List<InstanceReport> writeInstances(Target target, List<Integer> chosen, List<BitSet[]> kills,
            List<Integer> sizes, List<Case> cases) {
        try {
            Files.createDirectories(target.output());
            try (var old = Files.list(target.output())) {
                for (Path p : old.filter(p -> isSuiteFile(target.database(), p)).toList()) {
                    Files.delete(p);
                }
            }
            List<InstanceReport> out = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                int k = chosen.get(i);
                Path file = target.output().resolve(instanceName(target.database(), i + 1));
                Files.copy(candidateFile(target, k), file, StandardCopyOption.REPLACE_EXISTING);
                int killCount = 0;
                for (int q = 0; q < cases.size(); q++) {
                    BitSet b = (BitSet) kills.get(k)[q].clone();
                    b.and(cases.get(q).passOnOriginal);
                    killCount += b.cardinality();
                }
                out.add(new InstanceReport(file.getFileName().toString(), file, sizes.get(k), killCount,
                        Files.size(file), contentHash(file)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test suite to " + target.output(), e);
        }
    }

    /** The file name of the suite's {@code n}th instance of a database. */
    public static String instanceName(String database, int n) {
        return String.format("%s.testsuite-%02d.sqlite", safe(database), n);
    }

    /** True for a file a suite of {@code database} wrote (replaced when the suite is built again). */
    public static boolean isSuiteFile(String database, Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(safe(database) + ".testsuite-") && name.endsWith(".sqlite");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** A hash of every table's rows in order: the same for databases with the same content. */
    public static String contentHash(Path file) {
        try (Connection c = readOnly(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            SqliteSchema schema = SqliteSchema.read(c);
            for (String ddl : schema.ddl()) {
                digest.update(ddl.getBytes(StandardCharsets.UTF_8));
            }
            for (SqliteSchema.Table t : schema.tables()) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM " + SqliteSchema.quote(t.name())
                                + " ORDER BY rowid")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            digest.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0x1f);
                        }
                        digest.update((byte) 0x1e);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    private BitSet[] kills(Path file, List<Case> cases, QueryLimits limits) {
        BitSet[] killed = newSets(cases.size());
        try (SqliteBackend backend = new SqliteBackend(file, 1)) {
            SafeExecutor executor = new SafeExecutor(backend);
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                if (c.neighbours.isEmpty()) {
                    continue;
                }
                Optional<QueryResult> gold = run(executor, c.gold, limits);
                if (gold.isEmpty()) {
                    continue;
                }
                for (int n = 0; n < c.neighbours.size(); n++) {
                    Optional<QueryResult> result = run(executor, c.neighbours.get(n).sql(), limits);
                    if (result.isEmpty() || !same(c, gold.get(), result.get())) {
                        killed[i].set(n);
                    }
                }
            }
        }
        return killed;
    }

    private boolean same(Case c, QueryResult gold, QueryResult other) {
        if (gold.truncated() || other.truncated()) {
            return gold.truncated() == other.truncated() && gold.rowCount() == other.rowCount()
                    && comparator.compare(gold, other, c.ordered, MatchMode.STRICT, c.orderKeys).outcome()
                            == Outcome.PASS;
        }
        return comparator.compare(gold, other, c.ordered, MatchMode.STRICT, c.orderKeys).outcome() == Outcome.PASS;
    }

    private static Optional<QueryResult> run(SafeExecutor executor, String sql, QueryLimits limits) {
        try {
            return Optional.of(executor.execute(sql, limits));
        } catch (QueryBenchException e) {
            return Optional.empty();
        }
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    private static long candidateSeed(long seed, String database, int k) {
        long h = seed * 0x9E3779B97F4A7C15L + database.hashCode();
        return h * 31 + k;
    }

    private static Path candidateFile(Target target, int k) {
        return target.workFolder().resolve(String.format("candidate-%03d.sqlite", k));
    }

    private static BitSet[] newSets(int n) {
        BitSet[] sets = new BitSet[n];
        for (int i = 0; i < n; i++) {
            sets[i] = new BitSet();
        }
        return sets;
    }

    private static int count(BitSet[] sets) {
        int n = 0;
        for (BitSet b : sets) {
            n += b.cardinality();
        }
        return n;
    }

    /** Everything a candidate's kills depend on: schema, gold, neighbours, seed and limits. */
    private static String inputKey(SqliteSchema schema, List<Case> cases, Settings settings) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            schema.ddl().forEach(d -> digest.update(d.getBytes(StandardCharsets.UTF_8)));
            for (Case c : cases) {
                digest.update(c.gold.getBytes(StandardCharsets.UTF_8));
                c.neighbours.forEach(n -> digest.update(n.sql().getBytes(StandardCharsets.UTF_8)));
            }
            digest.update(Long.toString(settings.seed()).getBytes(StandardCharsets.UTF_8));
            digest.update(settings.limits().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BitSet[] cachedKills(Target target, int k, String key, int cases) {
        Path file = target.workFolder().resolve(String.format("candidate-%03d.kills", k));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() != cases + 1 || !lines.getFirst().equals(key)) {
                return null;
            }
            BitSet[] sets = new BitSet[cases];
            for (int i = 0; i < cases; i++) {
                sets[i] = BitSet.valueOf(HexFormat.of().parseHex(lines.get(i + 1)));
            }
            return sets;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void saveKills(Target target, int k, String key, BitSet[] killed) {
        Path file = target.workFolder().resolve(String.format("candidate-%03d.kills", k));
        StringBuilder text = new StringBuilder(key).append('\n');
        for (BitSet b : killed) {
            text.append(HexFormat.of().formatHex(b.toByteArray())).append('\n');
        }
        try {
            Files.createDirectories(target.workFolder());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
