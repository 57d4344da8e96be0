package dev.querybench.engine.db.reader;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.db.AccountSafety;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The reader service on the real servers: what an administrator without the right grants is told, and a second try. */
class ReaderAccountsTest {

    private final ReaderAccounts accounts = new ReaderAccounts();

    @Test
    void postgresOwnerWithoutCreateRoleIsToldWhatToDoAndLeavesNoRole() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            ReaderAccount reader = ReaderAccount.named(db.name() + "_rd");
            assertThatThrownBy(() -> accounts.create(db.writable(), reader, "pw"))
                    .isInstanceOfSatisfying(QueryBenchException.class, e -> {
                        assertThat(e.error().category()).isEqualTo(ErrorCategory.PERMISSION);
                        assertThat(e.error().message()).startsWith("the account " + db.writable().username()
                                + " may not create accounts").contains("permission denied to create role");
                        assertThat(e.error().remedy()).contains("CREATEROLE").contains("Show SQL");
                    });
            assertThat(db.query("SELECT count(*) FROM pg_roles WHERE rolname = '" + reader.name() + "'")
                    .getFirst().getFirst()).hasToString("0");

            ConnectionProfile admin = db.readOnly().withCredentials(server.user(), server.password());
            try {
                AccountSafety safety = accounts.create(admin, reader, "reader-pw");
                assertThat(safety.privileged()).isFalse();
                assertThat(safety.protections()).isNotEmpty();
                assertThatThrownBy(() -> accounts.create(admin, reader, "reader-pw"))
                        .isInstanceOfSatisfying(QueryBenchException.class, e -> assertThat(e.error().message())
                                .startsWith("an account named " + reader.name() + " exists already"));
            } finally {
                drop(server, server.url(), "DROP OWNED BY " + reader.name(), "DROP ROLE IF EXISTS " + reader.name(),
                        db.name());
            }
        }
    }

    @Test
    void mysqlUserWithoutCreateUserIsToldWhatToDo() {
        TestServers.Server server = TestServers.fromEnvironment().require(MysqlEngine.DIALECT);
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server)) {
            ReaderAccount reader = ReaderAccount.named(db.name() + "_rd");
            assertThatThrownBy(() -> accounts.create(db.writable(), reader, "pw"))
                    .isInstanceOfSatisfying(QueryBenchException.class, e -> {
                        assertThat(e.error().category()).isEqualTo(ErrorCategory.PERMISSION);
                        assertThat(e.error().message()).contains("may not create accounts");
                        assertThat(e.error().remedy()).contains("CREATE USER");
                    });
        }
    }

    @Test
    void mysqlNameTakenIsWordedAsOnPostgres() {
        TestServers.Server server = TestServers.fromEnvironment().require(MysqlEngine.DIALECT);
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server)) {
            ConnectionProfile admin = db.readOnly().withCredentials(server.user(), server.password());
            ReaderAccount taken = ReaderAccount.named(db.readOnly().username());
            assertThatThrownBy(() -> accounts.create(admin, taken, "pw"))
                    .isInstanceOfSatisfying(QueryBenchException.class, e -> {
                        assertThat(e.error().category()).isEqualTo(ErrorCategory.INVALID_INPUT);
                        assertThat(e.error().message()).startsWith("an account named " + taken.name()
                                + " exists already (").contains("CREATE USER");
                        assertThat(e.error().remedy()).isEqualTo("choose another name, or use that account in the"
                                + " profile");
                    });
        }
    }

    @Test
    void scriptsHaveAPlaceholderPasswordAndTrinoGetsItsRule() {
        ReaderAccount reader = ReaderAccount.named("analyst");
        ConnectionProfile pg = new ConnectionProfile("pg", PostgresEngine.DIALECT, "jdbc:postgresql://h:5432/shop", "a", "s");
        assertThat(accounts.script(pg, reader)).contains("CREATE ROLE \"analyst\" LOGIN PASSWORD '"
                + ReaderAccounts.PASSWORD_PLACEHOLDER + "'", "GRANT SELECT ON ALL TABLES IN SCHEMA \"public\"")
                .doesNotContain("'s'");
        ConnectionProfile trino = new ConnectionProfile("t", TrinoEngine.DIALECT, "jdbc:trino://h:8080/memory/x", "a", null);
        assertThat(accounts.script(trino, reader)).contains("\"user\": \"analyst\"", "\"allow\": \"read-only\"");
        assertThat(ReaderAccounts.creates(TrinoEngine.DIALECT)).isFalse();
        assertThatThrownBy(() -> ReaderAccount.named("bad name; drop")).hasMessageContaining("not a plain account name");
    }

    private static void drop(TestServers.Server server, String url, String dropOwned, String dropRole, String database)
            throws SQLException {
        String dbUrl = url.replaceAll("/[^/]*$", "/" + database);
        try (Connection c = DriverManager.getConnection(dbUrl, server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(dropOwned);
        }
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(dropRole);
        }
    }
}
