package dev.querybench.engine.db;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import dev.querybench.engine.testing.db.TrinoTestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account untrusted SQL runs under, on the real servers: a privileged one is refused unless the
 * profile allows it, a reader runs, and PostgreSQL's reader role makes the server itself refuse
 * what only a superuser may do.
 */
class AccountSafetyTest {

    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(10), 100);

    @Test
    void postgresRefusesASuperuserUnlessAllowedAndThenTheReaderRoleMakesTheServerRefuseAdminFunctions() {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (1), (2)");
            ConnectionProfile admin = db.readOnly().withCredentials(server.user(), server.password());
            try (DatabaseBackend backend = DatabaseBackends.open(admin)) {
                assertThat(backend.accountSafety().privileged()).isTrue();
                assertThatThrownBy(() -> new SafeExecutor(backend).execute("SELECT 1", LIMITS))
                        .isInstanceOfSatisfying(QueryExecutionException.class, e -> {
                            assertThat(e.failure()).isEqualTo(QueryFailure.PERMISSION);
                            assertThat(e.getMessage()).contains("superuser").contains("querybench db reader")
                                    .contains("allowPrivilegedAccount: true");
                        });
            }
            ConnectionProfile adminAsReader = admin.withReaderRole(db.readOnly().username())
                    .withPrivilegedAccountAllowed(true);
            try (DatabaseBackend backend = DatabaseBackends.open(adminAsReader)) {
                AccountSafety safety = backend.accountSafety();
                assertThat(safety.privilegedButAllowed()).isTrue();
                assertThat(safety.warning()).contains("can leave the reader role");
                assertThat(backend.executeReadOnly("SELECT current_user", LIMITS).rows().getFirst().getFirst())
                        .isEqualTo(db.readOnly().username());
                assertThat(backend.executeReadOnly("SELECT sum(v) FROM t", LIMITS).rows().getFirst().getFirst())
                        .hasToString("3");
                for (String adminOnly : List.of("SELECT pg_read_file('/etc/hostname')",
                        "SELECT pg_create_physical_replication_slot('qb_never')", "SELECT pg_stat_reset()",
                        "SELECT pg_stat_reset_shared('bgwriter')", "SELECT pg_backup_start('x')",
                        "SELECT pg_ls_dir('.')", "SELECT lo_import('/etc/hostname')")) {
                    assertThatThrownBy(() -> backend.executeReadOnly(adminOnly, LIMITS)).as(adminOnly)
                            .isInstanceOfSatisfying(QueryExecutionException.class,
                                    e -> assertThat(e.failure()).isIn(QueryFailure.PERMISSION, QueryFailure.RUNTIME));
                }
                assertThat(db.query("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'qb_never'")
                        .getFirst().getFirst()).hasToString("0");
            }
        }
    }

    @Test
    void postgresRunsALoginThatSwitchesToAReaderRoleWithoutAnOptIn() {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (1)");
            try (var admin = java.sql.DriverManager.getConnection(db.readOnly().jdbcUrl(), server.user(),
                    server.password()); var s = admin.createStatement()) {
                s.execute("GRANT " + db.readOnly().username() + " TO " + db.writable().username());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            try (DatabaseBackend backend = DatabaseBackends.open(db.writable().withReaderRole(db.readOnly().username()))) {
                assertThat(backend.accountSafety().privileged()).isFalse();
                assertThat(new SafeExecutor(backend).execute("SELECT current_user, count(*) FROM t", LIMITS).rows()
                        .getFirst()).containsExactly(db.readOnly().username(), 1L);
                assertThat(backend.accountSafety().protections()).anyMatch(p -> p.contains("SET ROLE"));
            }
        }
    }

    @Test
    void postgresReviewsTheLoginBehindAReaderRoleSinceAQueryCanSwitchBackToIt() {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            String login = db.writable().username();
            try (var admin = java.sql.DriverManager.getConnection(db.readOnly().jdbcUrl(), server.user(),
                    server.password()); var s = admin.createStatement()) {
                s.execute("GRANT " + db.readOnly().username() + " TO " + login);
                s.execute("GRANT pg_read_server_files TO " + login);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            try (DatabaseBackend backend = DatabaseBackends.open(db.writable().withReaderRole(db.readOnly().username()))) {
                assertThat(backend.accountSafety().privileged()).isTrue();
                assertThat(backend.accountSafety().excess()).anyMatch(e -> e.contains("the login " + login)
                        && e.contains("pg_read_server_files") && e.contains("return to the login"));
                assertThatThrownBy(() -> new SafeExecutor(backend).execute("SELECT 1", LIMITS))
                        .isInstanceOf(QueryExecutionException.class);
            } finally {
                try (var admin = java.sql.DriverManager.getConnection(db.readOnly().jdbcUrl(), server.user(),
                        server.password()); var s = admin.createStatement()) {
                    s.execute("REVOKE pg_read_server_files FROM " + login);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void mysqlRefusesRootAndAWriterButRunsAReader() {
        TestServers.Server server = TestServers.fromEnvironment().require(MysqlEngine.DIALECT);
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server)) {
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (1)");
            for (ConnectionProfile privileged : List.of(db.writable(),
                    db.readOnly().withCredentials(server.user(), server.password()))) {
                try (DatabaseBackend backend = DatabaseBackends.open(privileged)) {
                    assertThat(backend.accountSafety().excess()).as(privileged.username()).isNotEmpty();
                    assertThatThrownBy(() -> new SafeExecutor(backend).execute("SELECT 1", LIMITS))
                            .isInstanceOfSatisfying(QueryExecutionException.class,
                                    e -> assertThat(e.failure()).isEqualTo(QueryFailure.PERMISSION));
                }
                try (DatabaseBackend backend = DatabaseBackends.open(privileged.withPrivilegedAccountAllowed(true))) {
                    assertThat(new SafeExecutor(backend).execute("SELECT count(*) FROM t", LIMITS).rows()).hasSize(1);
                    assertThat(backend.accountSafety().privilegedButAllowed()).isTrue();
                }
            }
            try (DatabaseBackend backend = DatabaseBackends.open(db.readOnly())) {
                assertThat(backend.accountSafety().excess()).isEmpty();
                assertThat(new SafeExecutor(backend).execute("SELECT count(*) FROM t", LIMITS).rows()).hasSize(1);
            }
        }
    }

    @Test
    void trinoRefusesTheLoaderThatMayWriteButRunsTheReader() {
        TestServers.Server server = TestServers.fromEnvironment().require(TrinoEngine.DIALECT);
        try (TrinoTestDatabase db = TrinoTestDatabase.create(server)) {
            db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (1)");
            try (DatabaseBackend backend = DatabaseBackends.open(db.writable())) {
                assertThat(backend.accountSafety().excess()).isNotEmpty();
                assertThatThrownBy(() -> new SafeExecutor(backend).execute("SELECT 1", LIMITS))
                        .isInstanceOfSatisfying(QueryExecutionException.class,
                                e -> assertThat(e.failure()).isEqualTo(QueryFailure.PERMISSION));
            }
            try (DatabaseBackend backend = DatabaseBackends.open(db.readOnly())) {
                assertThat(backend.accountSafety().excess()).isEmpty();
                assertThat(new SafeExecutor(backend).execute("SELECT count(*) FROM t", LIMITS).rows()).hasSize(1);
            }
        }
    }
}
