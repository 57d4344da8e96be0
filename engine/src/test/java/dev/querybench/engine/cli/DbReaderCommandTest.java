package dev.querybench.engine.cli;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code querybench db reader} on the real servers: the account it makes can only read, and runs queries. */
class DbReaderCommandTest {

    @TempDir
    Path home;

    @Test
    void postgresReaderIsCreatedCheckedAndReadsTheDataset() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        String reader;
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            reader = db.name() + "_qr";
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (7)");
            createAndCheck(server, db, reader, "GRANT SELECT ON ALL TABLES IN SCHEMA \"public\" TO \"" + reader + "\"");
        }
        admin(server, server.url(), "DROP ROLE IF EXISTS " + reader);
    }

    @Test
    void mysqlReaderIsCreatedCheckedAndReadsTheDataset() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(MysqlEngine.DIALECT);
        String reader;
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server)) {
            reader = db.name() + "_qr";
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (7)");
            try {
                createAndCheck(server, db, reader, "GRANT SELECT, SHOW VIEW ON `" + db.name() + "`.* TO '" + reader
                        + "'@'%'");
            } finally {
                admin(server, server.url(), "DROP USER IF EXISTS '" + reader + "'@'%'");
            }
        }
    }

    @Test
    void trinoGetsTheAccessControlRuleAndSqliteAnExplanation() {
        CliHarness cli = new CliHarness(home, Map.of());
        CliHarness.Result trino = cli.run("db", "reader", "--db", "jdbc:trino://127.0.0.1:1/memory/default",
                "--user", "x", "--name", "analyst");
        assertThat(trino.exitCode()).as(trino.err()).isZero();
        assertThat(trino.out()).contains("access-control.name=file",
                "{\"user\": \"analyst\", \"catalog\": \"memory\", \"allow\": \"read-only\"}");
        CliHarness.Result sqlite = cli.run("db", "reader");
        assertThat(sqlite.out()).contains("SQLite has no accounts", "chmod a-w");
    }

    private void createAndCheck(TestServers.Server server, TestDatabase db, String reader, String expectedGrant)
            throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("QB_READER_PW", "reader's pw"));
        List<String> account = new ArrayList<>(List.of("--db", db.readOnly().jdbcUrl(), "--user", server.user()));
        if (!server.password().isEmpty()) {
            env.put("QB_ADMIN_PW", server.password());
            account.addAll(List.of("--password-env", "QB_ADMIN_PW"));
        }
        CliHarness cli = new CliHarness(home, env);
        CliHarness.Result printed = cli.run(concat(List.of("db", "reader", "--print-sql", "--name", reader), account));
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out()).contains(expectedGrant + ";").contains("choose-a-password")
                .doesNotContain(server.password().isEmpty() ? "reader's pw" : server.password());

        CliHarness.Result created = cli.run(concat(List.of("db", "reader", "--name", reader, "--reader-password-env",
                "QB_READER_PW"), account));
        assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
        assertThat(created.out()).contains("created", "checked: " + reader + " can only read", "password: {env:"
                + " QB_READER_PW}").doesNotContain("reader's pw");

        ConnectionProfile profile = db.readOnly().withCredentials(reader, "reader's pw");
        try (DatabaseBackend backend = DatabaseBackends.open(profile)) {
            assertThat(backend.accountSafety().privileged()).isFalse();
            assertThat(new SafeExecutor(backend).execute("SELECT v FROM t", new QueryLimits(Duration.ofSeconds(5), 10))
                    .rows().getFirst().getFirst()).hasToString("7");
        }
    }

    private static void admin(TestServers.Server server, String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }
}
