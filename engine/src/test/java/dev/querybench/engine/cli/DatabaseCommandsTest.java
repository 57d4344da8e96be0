package dev.querybench.engine.cli;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate db}, {@code dataset check}, {@code sql} and {@code db profile|load}, in-process. */
class DatabaseCommandsTest {

    @TempDir
    Path home;

    private CliHarness cli(Map<String, String> env) {
        return new CliHarness(home, env);
    }

    @Test
    void sqlPrintsATableOrCsvAndRefusesWritesNamingTheRule() {
        CliHarness cli = cli(Map.of());
        CliHarness.Result table = cli.run("sql", "SELECT region_id, region_name FROM regions ORDER BY region_id");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).startsWith("region_id | region_name\n").contains("1         | Pacific Northwest");
        assertThat(table.err()).contains("5 rows in").contains("on SQLite");

        CliHarness.Result csv = cli.run("sql", "--csv", "SELECT region_name, 'a,b' AS x FROM regions WHERE region_id = 1");
        assertThat(csv.out()).isEqualTo("region_name,x\r\nPacific Northwest,\"a,b\"\r\n");

        CliHarness.Result capped = cli.run("sql", "--row-cap", "2", "SELECT region_id FROM regions");
        assertThat(capped.err()).contains("2 rows (cut at --row-cap 2)");

        CliHarness.Result refused = cli.run("sql", "DELETE FROM customers");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(refused.err()).contains("refused").contains("data-changing clause (DELETE FROM)");
        CliHarness.Result stacked = cli.run("sql", "SELECT 1; DROP TABLE customers");
        assertThat(stacked.exitCode()).isNotZero();
        assertThat(stacked.err()).contains("more than one statement");
        assertThat(cli.run("sql", "SELECT COUNT(*) AS n FROM customers").out()).contains("320");
    }

    @Test
    void validateDbChecksTheSampleAndFailsFastOnAClosedPort() throws Exception {
        CliHarness cli = cli(Map.of());
        CliHarness.Result ok = cli.run("validate", "db");
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("[ ok ] Connection string: jdbc:sqlite:", "[ ok ] Connection: SQLite 3.",
                "[warn] Permissions:", "chmod a-w", "[ ok ] Schema: all 13 tables", "The database is ready.");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliHarness.Result closed = cli.run("validate", "db", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/x",
                "--connect-timeout", "1");
        assertThat(closed.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(closed.out()).contains("[FAIL] Connection: cannot connect to 127.0.0.1:" + port);

        CliHarness.Result typo = cli.run("validate", "db", "--db", "jdbc:postgresql://db:5432/x?sslmod=require");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(typo.out()).contains("unknown option 'sslmod'", "did you mean sslmode?");
        assertThat(cli.run("validate").out()).contains("Usage:", "db");
    }

    @Test
    void datasetCheckAndDbProfileOnTheSample() {
        CliHarness cli = cli(Map.of());
        CliHarness.Result check = cli.run("dataset", "check");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("Gold-check of sample-shop on SQLite 3.", "54 questions, 54 gold queries;"
                + " 0 failed, 0 timed out, 0 returned no rows");

        CliHarness.Result profile = cli.run("db", "profile", "--runs", "5", "--warmup", "1", "--raw",
                "SELECT COUNT(*) FROM orders");
        assertThat(profile.exitCode()).as(profile.err()).isZero();
        assertThat(profile.out()).contains("SQLite 3.", "p50 ms", "p95 ms", "safe executor", "database layer", "raw JDBC",
                "safe executor overhead: p50", "pool: 0 active");
        assertThat(profile.out().lines().filter(l -> l.startsWith("safe executor ")).findFirst().orElseThrow())
                .matches("safe executor\\s+5(\\s+\\d+\\.\\d\\d){5}\\s+1");
        assertThat(cli.run("db").out()).contains("profile", "load");
        assertThat(cli.run("dataset").out()).contains("check");
    }

    @Test
    void theSampleLoadsIntoPostgresAndEveryCommandWorksThere() {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            CliHarness cli = cli(Map.of("OWNER_PW", db.writable().password(), "READER_PW", db.readOnly().password()));
            String url = db.writable().jdbcUrl();
            CliHarness.Result load = cli.run("db", "load", "--db", url, "--user", db.writable().username(),
                    "--password-env", "OWNER_PW");
            assertThat(load.exitCode()).as(load.out() + load.err()).isZero();
            assertThat(load.out()).contains("Created database 'ridgeline'", "13 tables, 5872 rows", "orders: 1000");
            assertThat(cli.run("db", "load", "--db", url, "--user", db.writable().username(), "--password-env",
                    "OWNER_PW").out()).contains("Already loaded");

            String[] reader = {"--db", url, "--user", db.readOnly().username(), "--password-env", "READER_PW"};
            CliHarness.Result check = cli.run(concat(new String[] {"dataset", "check"}, reader));
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            assertThat(check.out()).contains("on PostgreSQL 15", "0 failed, 0 timed out, 0 returned no rows");

            CliHarness.Result count = cli.run(concat(new String[] {"sql"}, concat(reader,
                    new String[] {"SELECT COUNT(*) AS orders FROM orders"})));
            assertThat(count.out()).contains("1000");
            assertThat(cli.run(concat(new String[] {"sql"}, concat(reader, new String[] {"SELECT set_config('a.b',"
                    + " 'c', false)"}))).err()).contains("set_config");

            CliHarness.Result owner = cli.run("validate", "db", "--db", url, "--user", db.writable().username(),
                    "--password-env", "OWNER_PW");
            assertThat(owner.out()).contains("[ ok ] Connection: PostgreSQL 15", "[warn] Permissions: the account can"
                    + " write", "CREATE ROLE querybench_reader");
            CliHarness.Result readerCheck = cli.run(concat(new String[] {"validate", "db"}, reader));
            assertThat(readerCheck.out()).contains("[ ok ] Permissions: the account can only read");
            assertThat(cli.run("sql", "--db", url, "--user", "x", "--password-env", "MISSING", "SELECT 1").err())
                    .contains("MISSING is not set");
        }
    }

    @Test
    void aWorkspaceProfileByFieldsReachesPostgresWithItsPasswordFromTheEnvironment() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
            Path ws = new SampleWorkspace().materialize(home.resolve("ws"));
            var url = db.readOnly().url();
            Files.writeString(ws.resolve("querybench.yaml"), Files.readString(ws.resolve("querybench.yaml"))
                    .replace("dataset: dataset.yaml", """
                            databases:
                              - name: pg
                                type: postgresql
                                host: %s
                                port: %d
                                database: %s
                                username: %s
                                password: {env: PG_READER_PW}
                                options: {ApplicationName: querybench-test}
                            dataset: dataset.yaml""".formatted(url.host(), url.portNumber().orElseThrow(),
                            url.database(), db.readOnly().username())));
            CliHarness cli = cli(Map.of("PG_READER_PW", db.readOnly().password()));
            CliHarness.Result r = cli.run("sql", "-w", ws.toString(), "--db", "pg", "SELECT count(*) AS n FROM t");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("n\n-\n2");
            assertThat(r.err()).contains("on PostgreSQL");
            CliHarness.Result noPassword = cli(Map.of()).run("sql", "-w", ws.toString(), "--db", "pg", "SELECT 1");
            assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.CONFIG);
            assertThat(noPassword.err()).contains("environment variable PG_READER_PW, which is not set");
            try (WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(ws),
                    new SecretResolver(Map.of("PG_READER_PW", db.readOnly().password())), Clock.systemUTC(), "pg")) {
                assertThat(session.backend().dialect()).isEqualTo(PostgresEngine.DIALECT);
                assertThat(session.executor().execute("SELECT count(*) FROM t", session.queryLimits()).rows())
                        .singleElement().satisfies(row -> assertThat(((Number) row.getFirst()).intValue()).isEqualTo(2));
            }
            CliHarness.Result unknown = cli.run("sql", "-w", ws.toString(), "--db", "nope", "SELECT 1");
            assertThat(unknown.err()).contains("no database profile named 'nope'", "[ridgeline, pg]");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
