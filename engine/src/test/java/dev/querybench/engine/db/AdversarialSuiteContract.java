package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.testing.db.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adversarial corpus ({@code src/test/resources/adversarial}) against one engine's real server,
 * under every account kind the engine has: each attack may be refused, fail or run, but afterwards
 * the tables' checksums, the objects, the files in {@code /tmp}, the server's statistics and
 * settings, and another session must be as before. Every legitimate query must run on the reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdversarialSuiteContract {

    protected static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(3), 1_000);

    protected TestDatabase db;
    private final Map<String, SafeExecutor> accounts = new LinkedHashMap<>();
    private final List<DatabaseBackend> backends = new ArrayList<>();
    private Connection sentinel;
    private List<String> baseline;

    protected abstract Dialect dialect();

    protected abstract TestDatabase createDatabase();

    /** The accounts to attack with, by name; the first is the reader the legitimate queries run on. */
    protected abstract Map<String, ConnectionProfile> accounts();

    /** A connection (as an administrator where there is one) that reads the state and must stay alive. */
    protected abstract Connection openSentinel() throws SQLException;

    /** Queries, run on the sentinel, whose answers must not change: checksums, objects, statistics, settings. */
    protected abstract List<String> stateQueries();

    @BeforeAll
    void open() throws SQLException {
        db = createDatabase();
        new DatasetDatabaseLoader(Clock.systemUTC()).load(db.writable(),
                DatabaseDefinition.fromScripts("adversarial", DatabaseBackendContract.SCHEMA, DatabaseBackendContract.DATA));
        accounts().forEach((name, profile) -> {
            DatabaseBackend backend = DatabaseBackends.open(profile.withPool(new PoolSettings(2, Duration.ofSeconds(10))));
            backends.add(backend);
            accounts.put(name, new SafeExecutor(backend));
        });
        sentinel = openSentinel();
        baseline = state();
        assertThat(baseline).isNotEmpty();
    }

    @AfterAll
    void close() throws SQLException {
        backends.forEach(DatabaseBackend::close);
        if (sentinel != null) {
            sentinel.close();
        }
        if (db != null) {
            db.close();
        }
    }

    Stream<Arguments> attacks() throws IOException {
        return corpus(dialect().id() + ".attacks");
    }

    Stream<Arguments> queries() throws IOException {
        return corpus(dialect().id() + ".queries");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("attacks")
    void anAttackChangesNothingUnderAnyAccount(String kind, String sql) throws Exception {
        for (Map.Entry<String, SafeExecutor> account : accounts.entrySet()) {
            try {
                account.getValue().execute(sql, LIMITS);
            } catch (QueryExecutionException refusedOrFailed) {
                // refused, failed or stopped: the state below decides
            }
            assertThat(state()).as("state after %s as %s", sql, account.getKey()).isEqualTo(baseline);
            try (Stream<Path> files = Files.list(Path.of("/tmp"))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("qb_adv")))
                        .as("files written by %s as %s", sql, account.getKey()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("queries")
    void aLegitimateQueryRuns(String kind, String sql) {
        SafeExecutor reader = accounts.values().iterator().next();
        assertThat(reader.execute(sql, LIMITS).rows()).as(sql).isNotEmpty();
    }

    /** The answers of the state queries on the sentinel; the sentinel failing means a session was killed. */
    private List<String> state() throws SQLException {
        List<String> answers = new ArrayList<>();
        try (Statement s = sentinel.createStatement()) {
            for (String query : stateQueries()) {
                try (ResultSet rs = s.executeQuery(query)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(query).append(" -> ");
                        for (int i = 1; i <= n; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        answers.add(row.toString());
                    }
                }
            }
        }
        return answers;
    }

    protected static Connection connect(ConnectionProfile profile) throws SQLException {
        return DriverManager.getConnection(profile.jdbcUrl(), profile.username(),
                profile.password() == null ? "" : profile.password());
    }

    private static Stream<Arguments> corpus(String resource) throws IOException {
        try (InputStream in = AdversarialSuiteContract.class.getResourceAsStream("/adversarial/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            List<Arguments> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                assertThat(tab).as("a tab after the class in: " + line).isPositive();
                lines.add(Arguments.of(line.substring(0, tab), line.substring(tab + 1).replace("\\n", "\n")));
            }
            return lines.stream();
        }
    }
}
