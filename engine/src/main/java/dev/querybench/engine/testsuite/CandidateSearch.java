package dev.querybench.engine.testsuite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates candidate databases one by one and records which neighbours each kills ({@code judge}
 * runs the neighbours on a candidate: on the file itself for SQLite, on its copy on the server for
 * PostgreSQL and MySQL/MariaDB). The first
 * ones (up to two fifths of the limit, or until {@code patience} in a row kill nothing new) are
 * drawn for all questions at once: values one by one, and every other candidate with skewed
 * parents, or with twins (rows copied with their related rows). The rest each aim at one
 * neighbour that no candidate killed yet, in turn: only its question's constants, drawn most of
 * the time, parents skewed, twins of the tables it reads — so rows meet several of its boundaries
 * at once (a customer ordering on the first day of each of three years); for a neighbour that
 * moved a constant, exactly gold's constants and the moved one. Which neighbour a candidate aims
 * at follows from the earlier candidates' kills, so the same seed gives the same candidates.
 * Stops at the candidate limit, when every neighbour is killed, or at the time budget. Not
 * thread-safe.
 */
final class CandidateSearch {

    private static final int[] SIZES = {4, 8, 3, 12, 6, 20, 5, 10};
    private static final Pattern CONSTANT_CHANGE = Pattern.compile("constant (?:'(.*)' → '(.*)'|([-0-9.E]+) → ([-0-9.E]+))");

    private final TestSuiteBuilder.Target target;
    private final TestSuiteBuilder.Settings settings;
    private final List<QuestionCase> cases;
    private final SqliteSchema schema;
    private final ValuePools pools;
    private final NeighbourRuns runs;
    private final Function<Path, BitSet[]> judge;
    private final KillCache cache;
    private final List<BitSet[]> kills = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final BitSet[] killedSoFar;
    private boolean budgetReached;
    /** The first candidate that aims at one neighbour; -1 while candidates serve every question. */
    private int aimFrom = -1;

    CandidateSearch(TestSuiteBuilder.Target target, TestSuiteBuilder.Settings settings, List<QuestionCase> cases,
            SqliteSchema schema, ValuePools pools, Function<Path, BitSet[]> judge) {
        this.target = target;
        this.settings = settings;
        this.cases = cases;
        this.schema = schema;
        this.pools = pools;
        this.runs = new NeighbourRuns(settings.limits());
        this.judge = judge;
        this.cache = new KillCache(target.workFolder(), schema, cases, settings);
        this.killedSoFar = QuestionCase.newSets(cases.size());
    }

    /** Tries candidates until a limit; {@code start} is when the build began (for the budget). */
    void run(long start, Consumer<String> progress, Consumer<TestSuiteBuilder.Step> steps) {
        int useful = 0;
        int total = cases.stream().mapToInt(c -> c.passOnOriginal.cardinality()).sum();
        int sinceLastGain = 0;
        for (int k = 0; k < settings.candidates() && QuestionCase.count(killedSoFar) < total; k++) {
            if (aimFrom < 0 && (k >= Math.max(1, settings.candidates() * 2 / 5) || sinceLastGain >= settings.patience())) {
                aimFrom = k;
            }
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(settings.budget()) > 0) {
                budgetReached = true;
                progress.accept(target.database() + ": time budget reached after " + k + " candidates");
                break;
            }
            Plan plan = plan(k);
            BitSet[] killed = cache.load(k, plan.name(), cases.size());
            boolean kept = killed != null;
            if (!kept) {
                Path file = KillCache.candidateFile(target.workFolder(), k);
                new DatabaseGenerator(schema, plan.pools()).write(file, seed(k), plan.shape());
                killed = judge.apply(file);
                cache.save(k, plan.name(), killed);
            }
            kills.add(killed);
            sizes.add(plan.shape().rows());
            int gain = 0;
            for (int i = 0; i < cases.size(); i++) {
                BitSet fresh = (BitSet) killed[i].clone();
                fresh.and(cases.get(i).passOnOriginal);
                fresh.andNot(killedSoFar[i]);
                gain += fresh.cardinality();
                killedSoFar[i].or(fresh);
            }
            sinceLastGain = gain == 0 ? sinceLastGain + 1 : 0;
            useful += gain == 0 ? 0 : 1;
            steps.accept(new TestSuiteBuilder.Step(target.database(), questionsCaught(), cases.size(), k + 1,
                    settings.candidates(), QuestionCase.count(killedSoFar), total, useful));
            progress.accept(String.format(Locale.ROOT, "%s: candidate %d (%s, %d rows a table): %d new, %d of %d killed"
                    + " (%.1f s)%s", target.database(), k + 1, plan.name(), plan.shape().rows(), gain,
                    QuestionCase.count(killedSoFar), total, (System.nanoTime() - start) / 1e9,
                    kept ? " (kept from an earlier build)" : ""));
        }
    }

    /** Questions whose every neighbour that passes on the real database some candidate kills. */
    private int questionsCaught() {
        int n = 0;
        for (int i = 0; i < cases.size(); i++) {
            n += killedSoFar[i].cardinality() == cases.get(i).passOnOriginal.cardinality() ? 1 : 0;
        }
        return n;
    }

    List<BitSet[]> kills() {
        return kills;
    }

    List<Integer> sizes() {
        return sizes;
    }

    boolean budgetReached() {
        return budgetReached;
    }

    /** How candidate {@code k} is drawn; its name goes into the resume key. */
    record Plan(String name, ValuePools pools, DatabaseGenerator.Shape shape) {}

    private Plan plan(int k) {
        int rows = SIZES[k % SIZES.length];
        if (aimFrom < 0) {
            return switch (k % 4) {
                case 1 -> new Plan("skewed", pools, new DatabaseGenerator.Shape(rows, true, 0, List.of()));
                case 3 -> new Plan("twins", pools, new DatabaseGenerator.Shape(rows, false, 2, List.of()));
                default -> new Plan("plain", pools, DatabaseGenerator.Shape.plain(rows));
            };
        }
        List<int[]> open = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            BitSet left = cases.get(i).survivors(killedSoFar[i]);
            for (int n = left.nextSetBit(0); n >= 0; n = left.nextSetBit(n + 1)) {
                open.add(new int[] {i, n});
            }
        }
        if (open.isEmpty()) {
            return new Plan("plain", pools, DatabaseGenerator.Shape.plain(rows));
        }
        int[] target = open.get((k - aimFrom) % open.size());
        QuestionCase aim = cases.get(target[0]);
        List<String> tables = schema.tables().stream().map(SqliteSchema.Table::name)
                .filter(name -> mentions(aim.gold, name)).toList();
        DatabaseGenerator.Shape shape = new DatabaseGenerator.Shape(rows, (k & 1) == 0, 1 + k % 2, tables);
        List<NeighbourGenerator.Constant> constants = runs.constants(aim);
        Matcher changed = CONSTANT_CHANGE.matcher(aim.neighbours.get(target[1]).change());
        if (changed.matches()) {
            // the neighbour moved one constant: rows on both sides of that boundary, gold's others exactly
            String from = changed.group(1) != null ? changed.group(1) : changed.group(3);
            String to = changed.group(2) != null ? changed.group(2) : changed.group(4);
            List<NeighbourGenerator.Constant> exact = new ArrayList<>(constants);
            for (NeighbourGenerator.Constant c : constants) {
                if (String.valueOf(c.value()).equals(from)) {
                    exact.add(new NeighbourGenerator.Constant(c.column(), retype(c.value(), to)));
                }
            }
            return new Plan("for " + aim.question.id() + " " + from + "/" + to, pools.exactly(exact), shape);
        }
        return new Plan("for " + aim.question.id(), pools.focused(constants), shape);
    }

    /** {@code to} as a value of the same type as {@code like}. */
    private static Object retype(Object like, String to) {
        try {
            return like instanceof Long ? (Object) Long.parseLong(to) : like instanceof Double ? Double.parseDouble(to) : to;
        } catch (NumberFormatException e) {
            return to;
        }
    }

    private static boolean mentions(String sql, String table) {
        return Pattern.compile("(?i)(?<![A-Za-z0-9_])" + Pattern.quote(table)
                + "(?![A-Za-z0-9_])").matcher(sql).find();
    }

    private long seed(int k) {
        long h = settings.seed() * 0x9E3779B97F4A7C15L + target.database().hashCode();
        return h * 31 + k;
    }
}
