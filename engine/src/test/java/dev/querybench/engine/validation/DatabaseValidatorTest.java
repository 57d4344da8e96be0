package dev.querybench.engine.validation;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import dev.querybench.engine.testing.db.TrinoTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseValidatorTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final DatabaseValidator validator = new DatabaseValidator(CONNECT_TIMEOUT);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:oracle:thin:@db:1521:orcl                       | unknown scheme 'jdbc:oracle'",
        "jdbc:mariadb://db:3306/shop                          | through MySQL Connector/J",
        "postgres://db:5432/shop                              | must start with jdbc:",
        "jdbc:postgresql:///shop                              | no host",
        "jdbc:postgresql://db:5432/                           | names no database",
        "jdbc:mysql://db:3306                                 | names no database",
        "jdbc:postgresql://db:54x2/shop                       | bad port '54x2'",
        "jdbc:mysql://db:70000/shop                           | bad port '70000'",
        "jdbc:postgresql://db:5432/shop?sslmod=require        | did you mean sslmode?",
        "jdbc:mysql://db:3306/shop?allowMultiQueries=true     | weakens the read-only session",
        "jdbc:mysql://db:3306/shop?password=hunter2           | holds a password",
        "jdbc:trino://db:8080/hive                            | names no schema",
        "jdbc:trino://db:8080                                 | names no catalog",
        "jdbc:sqlite:                                         | names no file",
    })
    void aConnectionStringProblemIsNamedPrecisely(String url, String expected) {
        ConnectionStringCheck check = validator.validateConnectionString(url);
        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).extracting(ErrorResponse::describe).anyMatch(m -> m.contains(expected));
        assertThat(check.problems()).allMatch(p -> !p.remedy().isBlank());
        assertThat(check.url()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://db.example.com:5432/shop?sslmode=require&ApplicationName=qb",
        "jdbc:postgresql://db.example.com/shop",
        "jdbc:mysql://127.0.0.1:3306/shop?sslMode=DISABLED",
        "jdbc:trino://trino.local:8080/hive/sales?SSL=true",
        "jdbc:postgresql://[::1]:5432/shop",
    })
    void aGoodConnectionStringHasNoProblems(String url) {
        assertThat(validator.validateConnectionString(url).problems()).isEmpty();
    }

    @Test
    void anSqliteUrlMustNameADatabaseFile() throws Exception {
        assertThat(messages("jdbc:sqlite:" + dir.resolve("absent.db"))).anyMatch(m -> m.contains("does not exist"));
        assertThat(messages("jdbc:sqlite:" + dir)).anyMatch(m -> m.contains("is a folder"));
        Path text = Files.writeString(dir.resolve("notes.db"), "these are notes, not a database at all");
        assertThat(messages("jdbc:sqlite:" + text)).anyMatch(m -> m.contains("is not an SQLite database"));
        Path empty = Files.createFile(dir.resolve("empty.db"));
        assertThat(messages("jdbc:sqlite:" + empty)).anyMatch(m -> m.contains("is empty"));
        assertThat(messages("jdbc:sqlite:" + dir.resolve("x.db") + "?open_mod=1"))
                .anyMatch(m -> m.contains("unknown option 'open_mod'"));
        Path real = realSqlite();
        assertThat(messages("jdbc:sqlite:" + real)).isEmpty();
    }

    @Test
    void testConnectionReportsVersionAndLatencyOfAnSqliteFile() throws Exception {
        ConnectionCheck check = validator.testConnection(sqlite(realSqlite()));
        assertThat(check.ok()).isTrue();
        assertThat(check.serverVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("SQLite 3."));
        Path text = Files.writeString(dir.resolve("notes.db"), "these are notes, not a database at all");
        assertThat(validator.testConnection(sqlite(text)).error()).hasValueSatisfying(
                e -> assertThat(e.message()).contains("not an SQLite database"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "trino"})
    void aClosedPortFailsFastAsUnreachable(Dialect dialect) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        ConnectionCheck check = validator.testConnection(profile(dialect, port));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CONNECT_TIMEOUT.plusSeconds(1));
        assertThat(check.reachable()).isFalse();
        assertThat(check.authenticated()).isFalse();
        assertThat(check.error()).hasValueSatisfying(e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.NETWORK);
            assertThat(e.retryable()).isTrue();
            assertThat(e.message()).contains("127.0.0.1:" + port);
        });
    }

    /** A port that accepts connections and never says a word: no driver may hang on it. */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "trino"})
    void aServerThatAcceptsButNeverAnswersFailsAtTheConnectTimeout(Dialect dialect) throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        accepted.add(s);
                        Thread.ofVirtual().start(() -> drain(s));
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            long start = System.nanoTime();
            ConnectionCheck check = validator.testConnection(profile(dialect, silent.getLocalPort()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CONNECT_TIMEOUT.plusSeconds(1));
            assertThat(check.reachable()).isTrue();
            assertThat(check.authenticated()).isFalse();
            assertThat(check.error()).hasValueSatisfying(e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
                assertThat(e.message()).contains("did not answer");
            });
            PermissionCheck permissions = validator.validatePermissions(profile(dialect, silent.getLocalPort()));
            assertThat(permissions.error()).isPresent();
            acceptor.interrupt();
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void postgresReachabilityVersionUnknownDatabaseTlsAndPermissions() throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            ConnectionCheck ok = validator.testConnection(db.readOnly());
            assertThat(ok.ok()).isTrue();
            assertThat(ok.authenticated()).isTrue();
            assertThat(ok.serverVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("PostgreSQL 1"));
            assertThat(ok.latency()).isPositive();

            ConnectionProfile missing = withUrl(db.readOnly(), db.readOnly().jdbcUrl().replace(db.name(), "qb_absent"));
            assertThat(validator.testConnection(missing).error()).hasValueSatisfying(e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
                assertThat(e.message()).contains("does not exist");
            });
            ConnectionProfile tls = withUrl(db.readOnly(), db.readOnly().jdbcUrl() + "?sslmode=require");
            assertThat(validator.testConnection(tls).error()).hasValueSatisfying(
                    e -> assertThat(e.message()).startsWith("TLS mismatch"));

            PermissionCheck owner = validator.validatePermissions(db.writable());
            assertThat(owner.canWrite()).isTrue();
            assertThat(owner.findings()).anyMatch(f -> f.contains("may change rows") || f.contains("create tables"));
            assertThat(owner.readOnlySetup()).contains("CREATE ROLE querybench_reader", "GRANT SELECT ON ALL TABLES");

            // the advice works: the role it creates cannot write
            String role = db.name() + "_advised";
            String setup = owner.readOnlySetup().replace("querybench_reader", role);
            try (Connection admin = DriverManager.getConnection(db.writable().jdbcUrl(), server.user(), server.password());
                    Statement s = admin.createStatement()) {
                for (String statement : setup.split(";\\s*")) {
                    s.execute(statement);
                }
            }
            try {
                PermissionCheck advised = validator.validatePermissions(db.readOnly().withCredentials(role,
                        "choose-a-password"));
                assertThat(advised.canWrite()).isFalse();
                assertThat(advised.readOnlySetup()).isEmpty();
                assertThat(validator.validatePermissions(db.readOnly()).canWrite()).isFalse();
            } finally {
                try (Connection admin = DriverManager.getConnection(db.writable().jdbcUrl(), server.user(),
                        server.password()); Statement s = admin.createStatement()) {
                    s.execute("DROP OWNED BY " + role);
                    s.execute("DROP ROLE " + role);
                }
            }
        }
    }

    @Test
    void mysqlWrongPasswordUnknownDatabaseTlsAndPermissions() {
        TestServers.Server server = TestServers.fromEnvironment().require(MysqlEngine.DIALECT);
        try (MysqlTestDatabase db = MysqlTestDatabase.create(server)) {
            ConnectionCheck ok = validator.testConnection(db.readOnly());
            assertThat(ok.ok()).isTrue();
            assertThat(ok.serverVersion()).hasValueSatisfying(v -> assertThat(v).matches("(MariaDB|MySQL) \\d.*"));

            ConnectionCheck wrong = validator.testConnection(db.readOnly().withCredentials(db.readOnly().username(),
                    "not-the-password"));
            assertThat(wrong.reachable()).isTrue();
            assertThat(wrong.authenticated()).isFalse();
            assertThat(wrong.error()).hasValueSatisfying(e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
                assertThat(e.retryable()).isFalse();
                assertThat(e.message()).doesNotContain("not-the-password");
            });
            ConnectionProfile missing = withUrl(db.writable(), db.writable().jdbcUrl().replace(db.name(), "qb_absent"))
                    .withCredentials(server.user(), server.password());
            assertThat(validator.testConnection(missing).error()).hasValueSatisfying(
                    e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
            ConnectionProfile tls = withUrl(db.readOnly(), db.readOnly().jdbcUrl() + "?sslMode=REQUIRED");
            assertThat(validator.testConnection(tls).error()).hasValueSatisfying(
                    e -> assertThat(e.message()).startsWith("TLS mismatch"));

            PermissionCheck writer = validator.validatePermissions(db.writable());
            assertThat(writer.canWrite()).isTrue();
            assertThat(writer.findings()).anyMatch(f -> f.contains("ALL PRIVILEGES"));
            assertThat(writer.readOnlySetup()).contains("CREATE USER 'querybench_reader'", "GRANT SELECT, SHOW VIEW ON `"
                    + db.name() + "`.*");
            PermissionCheck reader = validator.validatePermissions(db.readOnly());
            assertThat(reader.canWrite()).isFalse();
            assertThat(reader.readOnlySetup()).isEmpty();
        }
    }

    @Test
    void trinoAccessControlDecidesWhoCanWrite() {
        TestServers.Server server = TestServers.fromEnvironment().require(TrinoEngine.DIALECT);
        try (TrinoTestDatabase db = TrinoTestDatabase.create(server)) {
            db.execute("CREATE TABLE t (id INTEGER)");
            ConnectionCheck ok = validator.testConnection(db.readOnly());
            assertThat(ok.serverVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("Trino "));
            PermissionCheck reader = validator.validatePermissions(db.readOnly());
            assertThat(reader.canWrite()).isFalse();
            assertThat(reader.findings()).anyMatch(f -> f.contains("refuses writes"));
            PermissionCheck loader = validator.validatePermissions(db.writable());
            assertThat(loader.canWrite()).isTrue();
            assertThat(loader.readOnlySetup()).contains("access-control.name=file", "\"allow\": \"read-only\"");
            ConnectionProfile tls = withUrl(db.readOnly(), db.readOnly().jdbcUrl() + "?SSL=true");
            assertThat(validator.testConnection(tls).error()).hasValueSatisfying(
                    e -> assertThat(e.message()).startsWith("TLS mismatch"));
        }
    }

    @Test
    void anSqliteFileIsAlwaysOpenedReadOnlyButTheFileItselfMayBeWritable() throws Exception {
        PermissionCheck check = validator.validatePermissions(sqlite(realSqlite()));
        assertThat(check.canWrite()).isTrue();
        assertThat(check.readOnlySetup()).contains("chmod a-w");
    }

    private List<String> messages(String url) {
        return validator.validateConnectionString(url).problems().stream().map(ErrorResponse::message).toList();
    }

    private Path realSqlite() throws Exception {
        Path file = dir.resolve("real.db");
        if (!Files.exists(file)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INTEGER)");
            }
        }
        return file;
    }

    private static ConnectionProfile sqlite(Path file) {
        return new ConnectionProfile("file", SqliteEngine.DIALECT, "jdbc:sqlite:" + file, null, null);
    }

    private static ConnectionProfile profile(Dialect dialect, int port) {
        String path = dialect == TrinoEngine.DIALECT ? "/memory/default" : "/shop";
        // Trino refuses passwords over plain HTTP before it sends anything, so it gets none
        return new ConnectionProfile("test", dialect, "jdbc:" + dialect.jdbcSubprotocol() + "://127.0.0.1:" + port + path,
                "someone", dialect == TrinoEngine.DIALECT ? null : "secret-password");
    }

    private static ConnectionProfile withUrl(ConnectionProfile p, String url) {
        return new ConnectionProfile(p.name(), p.dialect(), url, p.username(), p.password(), p.pool());
    }

    private static void drain(Socket s) {
        try (InputStream in = s.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // the client gave up, as it should
        }
    }
}
