package dev.querybench.engine.cli;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.evaluation.sql.TestSuiteEvaluator;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code querybench dataset testsuite} on the real PostgreSQL and MySQL/MariaDB servers: the suite's
 * instances are schemas or databases the server checks every declared constraint of (primary keys,
 * UNIQUE, NOT NULL, foreign keys), readable by the profile's reader account and listed as instances
 * of the profile; a filter on a value no row has, which the database itself passes, fails on the
 * suite; the same seed writes the same suite; the work area is dropped. Each test works on a
 * database of its own (unique names) and drops what it created.
 */
class ServerTestSuiteCommandTest {

    /**
     * Gold counts refunded orders; no order is refunded, so a filter on another status no row has (a
     * typo of the constant) matches on the database itself.
     */
    private static final String GOLD = "SELECT COUNT(*) FROM orders WHERE status = 'refunded'";
    private static final String FALSE_POSITIVE = "SELECT COUNT(*) FROM orders WHERE status = 'refundee'";
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(5), 10_000);

    @TempDir
    Path dir;

    @Test
    void postgresSuiteIsWrittenAsSchemasTheServerChecks() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            buildCheckAndRebuild(server, db, "NUMERIC(10,2)");
            assertThat(count(server, db, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE"
                    + " 'qbts_%_work'")).as("the work schema is dropped").isZero();
        }
    }

    @Test
    void mysqlSuiteIsWrittenAsDatabasesTheServerChecks() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(MysqlEngine.DIALECT);
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server)) {
            try {
                buildCheckAndRebuild(server, db, "DECIMAL(10,2)");
                assertThat(count(server, db, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                        + base(db) + "_work'")).as("the work database is dropped").isZero();
            } finally {
                dropMysqlInstances(server, db);
            }
        }
    }

    private void buildCheckAndRebuild(TestServers.Server server, TestDatabase db, String money) throws Exception {
        db.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(60) UNIQUE,"
                        + " city VARCHAR(30))",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id),"
                        + " total " + money + " NOT NULL, status VARCHAR(12) NOT NULL, placed DATE)",
                "INSERT INTO customers VALUES (1, 'Ada', 'ada@x.org', 'Oslo'), (2, 'Bo', 'bo@x.org', 'Lima'),"
                        + " (3, 'Cy', NULL, 'Oslo')",
                "INSERT INTO orders VALUES (1, 1, 12.50, 'paid', '2024-01-05'), (2, 1, 8.00, 'shipped', '2024-02-01'),"
                        + " (3, 2, 40.00, 'paid', '2024-02-11'), (4, 3, 3.25, 'shipped', NULL)");
        Path ws = workspace(db);
        Map<String, String> env = new HashMap<>(Map.of("QB_READER_PW", db.readOnly().password()));
        List<String> args = new ArrayList<>(List.of("dataset", "testsuite", "--workspace", ws.toString(),
                "--candidates", "14", "--max-instances", "4", "--seed", "3", "--user", server.user()));
        if (!server.password().isEmpty()) {
            env.put("QB_ADMIN_PW", server.password());
            args.addAll(List.of("--password-env", "QB_ADMIN_PW"));
        }
        CliHarness cli = new CliHarness(dir, env);

        CliHarness.Result first = cli.run(args.toArray(String[]::new));

        assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
        assertThat(first.out()).contains("instances saved", "refunds:");
        Workspace loaded = new WorkspaceLoader().load(ws);
        List<String> instances = loaded.config().databaseProfile(db.name()).orElseThrow().instances();
        assertThat(instances).isNotEmpty().allMatch(i -> i.startsWith(db.name() + "-suite-"));
        for (int n = 1; n <= instances.size(); n++) {
            checkConstraints(server, db, base(db) + "_" + n);
        }
        checkTheFalsePositiveIsCaught(loaded, instances, env);

        Path report = ws.resolve(".querybench/testsuite/testsuite-report.json");
        String firstReport = Files.readString(report);
        deleteTree(ws.resolve(".querybench/testsuite/work"));
        CliHarness.Result again = cli.run(args.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("kept from an earlier build");
        assertThat(Files.readString(report)).as("same seed, same suite (names, kills and content hashes)")
                .isEqualTo(firstReport);

        List<String> otherSeed = new ArrayList<>(args);
        otherSeed.set(otherSeed.indexOf("3"), "4");
        CliHarness.Result reseeded = cli.run(otherSeed.toArray(String[]::new));
        assertThat(reseeded.exitCode()).as(reseeded.err()).isZero();
        assertThat(reseeded.out()).contains("dropped the instances of the suite built before: " + base(db) + "_1");
        assertThat(count(server, db, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '"
                + base(db).replace("_", "\\_") + "\\_%'")).as("seed 3's instances are dropped").isZero();
        String seed4 = "qbts_" + db.name() + "_s4";
        assertThat(count(server, db, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '"
                + seed4.replace("_", "\\_") + "\\_%'")).as("seed 4's instances are there")
                .isEqualTo(new WorkspaceLoader().load(ws).config().databaseProfile(db.name()).orElseThrow()
                        .instances().size());
        checkConstraints(server, db, seed4 + "_1");
    }

    private Path workspace(TestDatabase db) throws Exception {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("dataset.yaml"), """
                name: shop
                questions:
                  - id: refunds
                    question: How many orders were refunded?
                    gold: %s
                  - id: big
                    question: Which customers spent more than 10 on one order?
                    gold: SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.total > 10
                  - id: oslo
                    question: How many customers live in Oslo?
                    gold: SELECT COUNT(*) FROM customers WHERE city = 'Oslo'
                """.formatted(GOLD));
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: %s, url: "%s", username: %s, password: {env: QB_READER_PW}}
                dataset: dataset.yaml
                """.formatted(db.name(), db.readOnly().jdbcUrl(), db.readOnly().username()));
        return ws;
    }

    /** The server holds every declared constraint of the instance, and its rows keep them. */
    private static void checkConstraints(TestServers.Server server, TestDatabase db, String area) throws SQLException {
        String schemaColumn = db.dialect() == MysqlEngine.DIALECT ? "TABLE_SCHEMA" : "table_schema";
        String q = db.dialect() == MysqlEngine.DIALECT ? "`" + area + "`." : "\"" + area + "\".";
        assertThat(count(server, db, "SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE " + schemaColumn
                + " = '" + area + "' AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"))
                .as("two primary keys, one UNIQUE, one foreign key in " + area).isEqualTo(4);
        assertThat(count(server, db, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE " + schemaColumn + " = '"
                + area + "' AND IS_NULLABLE = 'NO'")).as("NOT NULL columns").isEqualTo(6);
        assertThat(count(server, db, "SELECT COUNT(*) FROM " + q + "orders")).isPositive();
        assertThat(count(server, db, "SELECT COUNT(*) FROM " + q + "orders o WHERE NOT EXISTS (SELECT 1 FROM " + q
                + "customers c WHERE c.id = o.customer_id)")).isZero();
        assertThat(count(server, db, "SELECT COUNT(*) FROM (SELECT email FROM " + q + "customers WHERE email IS NOT"
                + " NULL GROUP BY email HAVING COUNT(*) > 1) d")).isZero();
    }

    /** Runs through the saved profiles (the reader account) with the ordinary test-suite matching. */
    private static void checkTheFalsePositiveIsCaught(Workspace ws, List<String> instances, Map<String, String> env) {
        SecretResolver secrets = new SecretResolver(env);
        Question refunds = ws.dataset().questions().getFirst();
        List<DatabaseBackend> opened = new ArrayList<>();
        try {
            List<TestSuiteEvaluator.Instance> all = new ArrayList<>();
            for (String name : prepend(ws.config().database().nameOrDefault(), instances)) {
                DatabaseBackend backend = DatabaseBackends.open(WorkspaceSession.databaseProfile(ws, secrets, name));
                opened.add(backend);
                all.add(new TestSuiteEvaluator.Instance(name, new SqlExecutionEvaluator(new SafeExecutor(backend),
                        LIMITS, new ResultComparator())));
            }
            assertThat(all.getFirst().evaluator().evaluate(refunds, FALSE_POSITIVE).outcome())
                    .as("the database itself passes it").isEqualTo(Outcome.PASS);
            TestSuiteEvaluator suite = new TestSuiteEvaluator("suite", all);
            Verdict caught = suite.evaluate(refunds, FALSE_POSITIVE);
            assertThat(caught.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(caught.reason()).contains("-suite-");
            assertThat(suite.evaluate(refunds, GOLD).outcome()).as("gold passes").isEqualTo(Outcome.PASS);
        } finally {
            opened.forEach(DatabaseBackend::close);
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static String base(TestDatabase db) {
        return "qbts_" + db.name() + "_s3";
    }

    private static long count(TestServers.Server server, TestDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.writable().jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void dropMysqlInstances(TestServers.Server server, TestDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME"
                    + " LIKE 'qbts\\_" + db.name().replace("_", "\\_") + "\\_%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                s.execute("DROP DATABASE `" + name + "`");
            }
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
