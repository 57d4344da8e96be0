package dev.querybench.engine.testsuite;

import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The suite of a database on a PostgreSQL or MySQL/MariaDB server. The schema (types, keys,
 * foreign keys, NOT NULL, UNIQUE) and the value pools are read from the server; gold and its
 * neighbours run on the server through the safe executor under the profile's account. Each
 * candidate is drawn as a SQLite file by {@link DatabaseGenerator} (so a seed gives the same rows as
 * for SQLite), copied into a work area on the server ({@link ServerInstances}), and judged there;
 * the chosen candidates are copied into the instance areas, named from the profile and the seed,
 * and the work area is dropped. Resumes from the work folder as the SQLite build does. Not
 * thread-safe; does file and database I/O.
 */
final class ServerSuite {

    private final TestSuiteBuilder.Target target;
    private final TestSuiteBuilder.Settings settings;
    private final List<QuestionCase> cases;
    private final NeighbourRuns runs;
    private final TestSuiteBuilder.Server server;
    private final Dialect dialect;

    ServerSuite(TestSuiteBuilder.Target target, TestSuiteBuilder.Settings settings, List<QuestionCase> cases,
            NeighbourRuns runs) {
        this.target = target;
        this.settings = settings;
        this.cases = cases;
        this.runs = runs;
        this.server = target.server();
        this.dialect = server.profile().dialect();
    }

    TestSuiteBuilder.DatabaseReport build(long start, Consumer<String> progress,
            Consumer<TestSuiteBuilder.Step> steps) {
        ServerSchema schema;
        ValuePools pools;
        try (Connection admin = ServerInstances.connect(server.admin())) {
            String area = ServerInstances.realArea(admin, server.profile());
            try (Statement s = admin.createStatement()) {
                for (String enter : ServerInstances.areas(dialect).enterArea(area)) {
                    s.execute(enter);
                }
            }
            schema = ServerSchema.read(admin, dialect, area);
            List<NeighbourGenerator.Constant> constants = new ArrayList<>();
            cases.forEach(c -> constants.addAll(runs.constants(c)));
            pools = ValuePools.read(admin, schema.model(), constants, this::quote);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of " + target.database() + " on "
                    + dialect.displayName() + " with the admin account: " + e.getMessage(), e);
        }
        String base = ServerInstances.baseName(target.database(), settings.seed());
        String work = base + "_work";
        try (ServerInstances areas = new ServerInstances(server.profile(), server.admin(), schema);
                DatabaseBackend original = DatabaseBackends.open(server.profile())) {
            // two threads: while one waits for the server, the other parses and compares (two connections)
            runs.onOriginal(original, cases, schema.model(), settings.maxNeighbours(), done -> steps.accept(
                    new TestSuiteBuilder.Step(target.database(), done, cases.size(), 0, settings.candidates(), 0, 0, 0)),
                    Math.min(2, server.profile().pool().maximumSize()));
            progress.accept(String.format("%s: %d questions, %d neighbours, %d pass on the real database",
                    target.database(), cases.size(), cases.stream().mapToInt(c -> c.neighbours.size()).sum(),
                    cases.stream().mapToInt(c -> c.passOnOriginal.cardinality()).sum()));
            try {
                return search(areas, schema, pools, work, base, start, progress, steps);
            } finally {
                areas.drop(work);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the suite of " + target.database() + " on "
                    + dialect.displayName() + " with the admin account: " + e.getMessage()
                    + " (it needs the right to create " + ServerInstances.areas(dialect).areaNoun()
                    + " and to grant SELECT)", e);
        }
    }

    private TestSuiteBuilder.DatabaseReport search(ServerInstances areas, ServerSchema schema, ValuePools pools,
            String work, String base, long start, Consumer<String> progress, Consumer<TestSuiteBuilder.Step> steps)
            throws SQLException {
        areas.load(work, null);
        CandidateSearch search;
        try (DatabaseBackend candidate = DatabaseBackends.open(areas.profileFor(work))) {
            search = new CandidateSearch(target, settings, cases, schema.model(), pools, file -> {
                try {
                    areas.load(work, file);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot copy candidate " + file.getFileName() + " to the server: "
                            + e.getMessage(), e);
                }
                return runs.kills(candidate, cases);
            });
            search.run(start, progress, steps);
        }
        List<Integer> chosen = SuiteFiles.distil(search.kills(), cases, settings.maxInstances());
        List<TestSuiteBuilder.InstanceReport> instances = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            int k = chosen.get(i);
            String name = base + "_" + (i + 1);
            Path file = KillCache.candidateFile(target.workFolder(), k);
            areas.load(name, file);
            progress.accept(target.database() + ": instance " + name + " written");
            instances.add(new TestSuiteBuilder.InstanceReport(name, file, search.sizes().get(k), kills(search, k),
                    size(file), areas.contentHash(name)));
        }
        for (int n = chosen.size() + 1; n <= settings.maxInstances(); n++) {
            areas.drop(base + "_" + n);
        }
        return TestSuiteBuilder.report(target, cases, chosen, search, instances, start);
    }

    private int kills(CandidateSearch search, int k) {
        int count = 0;
        BitSet[] killed = search.kills().get(k);
        for (int q = 0; q < cases.size(); q++) {
            count += cases.get(q).caught(killed[q]);
        }
        return count;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private String quote(String identifier) {
        return dialect.syntax().quote(identifier);
    }
}
