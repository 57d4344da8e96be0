package dev.querybench.engine.db;

import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.SqliteTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered database engine promises its callers, whoever the vendor (as ModelProvidersTest). */
class DatabaseEnginesTest {

    @Test
    void everyDialectHasExactlyOneRegisteredEngine() {
        assertThat(DatabaseBackends.all()).extracting(e -> e.dialect().id()).doesNotHaveDuplicates()
                .containsExactly("sqlite", "postgresql", "mysql", "trino");
        for (Dialect dialect : Dialect.all()) {
            assertThat(DatabaseBackends.engine(dialect).dialect()).isEqualTo(dialect);
        }
    }

    @Test
    void everyEngineIsFoundByItsNameAndItsUrlScheme() {
        for (DatabaseEngine engine : DatabaseBackends.all()) {
            Dialect d = engine.dialect();
            assertThat(Dialect.fromName(d.id())).as(d.id()).contains(d);
            assertThat(Dialect.knownNames()).contains(d.id());
            assertThat(d.displayName()).as(d.id()).isNotBlank();
            String url = d.isServer() ? "jdbc:" + d.jdbcSubprotocol() + "://127.0.0.1:" + d.defaultPort() + "/db/s"
                    : "jdbc:" + d.jdbcSubprotocol() + ":/tmp/x.db";
            assertThat(ConnectionUrl.parse(url).dialect()).as(url).isEqualTo(d);
        }
    }

    @Test
    void everyEngineSuppliesEachVendorPiece() {
        for (DatabaseEngine engine : DatabaseBackends.all()) {
            String id = engine.dialect().id();
            assertThat(engine.driverOptions()).as(id).isNotEmpty().doesNotContainNull();
            assertThat(engine.tlsFix()).as(id).isNotBlank();
            assertThat(engine.promptHints()).as(id).startsWith("- ").doesNotEndWith("\n");
            assertThat(engine.serverName("9.9")).as(id).endsWith(" 9.9");
            java.util.Map<String, String> options = new java.util.LinkedHashMap<>(java.util.Map.of("keep", "me"));
            engine.checkOptions(options, java.time.Duration.ofSeconds(3));
            assertThat(options).as(id).containsEntry("keep", "me");
            assertThat(options.keySet()).as(id + ": defaults the driver understands")
                    .allMatch(k -> k.equals("keep") || engine.driverOptions().contains(k));
        }
        assertThat(DatabaseBackends.engine(MysqlEngine.DIALECT).serverName("5.5.5-10.11.19-MariaDB-0+deb12u1"))
                .isEqualTo("MariaDB 10.11.19");
        assertThat(DatabaseBackends.all()).filteredOn(DatabaseEngine::createsReaders).extracting(DatabaseEngine::dialect)
                .containsExactlyInAnyOrder(PostgresEngine.DIALECT, MysqlEngine.DIALECT);
        java.util.Map<String, String> set = new java.util.HashMap<>(java.util.Map.of("connectTimeout", "1"));
        DatabaseBackends.engine(PostgresEngine.DIALECT).checkOptions(set, java.time.Duration.ofSeconds(3));
        assertThat(set).containsEntry("connectTimeout", "1").containsEntry("loginTimeout", "3");
    }

    /** Each engine opens a real database of its kind for a reader account, reporting that kind. */
    @ParameterizedTest
    @MethodSource("registered")
    void everyEngineOpensARealDatabaseOfItsKind(Dialect dialect) {
        try (TestDatabase db = create(dialect)) {
            db.execute("CREATE TABLE engine_probe (id INT)");
            try (DatabaseBackend backend = DatabaseBackends.engine(dialect).open(db.readOnly(), new DatabaseErrors())) {
                assertThat(backend.dialect()).isEqualTo(dialect);
                assertThat(backend.introspect().toString().toLowerCase(java.util.Locale.ROOT)).contains("engine_probe");
            }
        }
    }

    @Test
    void anEngineSaysWhatIsWrongWhenItCannotOpenAProfile() {
        ConnectionProfile noFile = new ConnectionProfile("nofile", SqliteEngine.DIALECT, "jdbc:sqlite:", null, null);
        assertThatThrownBy(() -> DatabaseBackends.open(noFile)).isInstanceOf(QueryBenchException.class)
                .satisfies(e -> assertThat(((QueryBenchException) e).error().remedy()).isNotBlank());
        ConnectionProfile closedPort = new ConnectionProfile("down", PostgresEngine.DIALECT,
                "jdbc:postgresql://127.0.0.1:9/db", "postgres", null);
        assertThatThrownBy(() -> DatabaseBackends.open(closedPort)).isInstanceOf(QueryBenchException.class)
                .satisfies(e -> assertThat(((QueryBenchException) e).error().remedy()).isNotBlank());
    }

    private static TestDatabase create(Dialect dialect) {
        if (dialect == SqliteEngine.DIALECT) {
            return SqliteTestDatabase.create();
        }
        TestServers servers = TestServers.fromEnvironment();
        Optional<TestServers.Server> server = servers.find(dialect);
        if (server.isEmpty() && !servers.requireAll()) {
            Assumptions.abort(dialect.displayName() + " is not configured in the environment");
        }
        TestServers.Server s = server.orElseGet(() -> servers.require(dialect));
        return switch (dialect.id()) {
            case "postgresql" -> PostgresTestDatabase.create(s);
            case "mysql" -> MysqlTestDatabase.create(s);
            case "trino" -> dev.querybench.engine.testing.db.TrinoTestDatabase.create(s);
            default -> throw new IllegalStateException("no test database for " + dialect);
        };
    }

    static List<Dialect> registered() {
        return Dialect.all();
    }
}
