package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.Dialect;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real database servers tests run against, through environment variables (set by
 * {@code .ci/run}, or by hand):
 *
 * <pre>
 * QUERYBENCH_TEST_POSTGRES_URL   jdbc:postgresql://127.0.0.1:5432/postgres   (+ _USER, _PASSWORD: a superuser)
 * QUERYBENCH_TEST_MYSQL_URL      jdbc:mysql://127.0.0.1:3306/                (+ _USER, _PASSWORD: an admin)
 * QUERYBENCH_TEST_TRINO_URL      jdbc:trino://127.0.0.1:18080                (+ _USER: read-only, _LOADER_USER: may write)
 * QUERYBENCH_REQUIRE_ALL_BACKENDS=true   a missing server fails the test instead of skipping it
 * </pre>
 *
 * <p>Without a variable the test is skipped with a message saying which one to set; with
 * {@code QUERYBENCH_REQUIRE_ALL_BACKENDS=true} (CI) it fails, so a backend cannot silently drop
 * out of the build. Testcontainers is not used: the CI machine has no Docker, and
 * {@code docker-compose.test.yml} starts the same servers for people who have it.
 */
public final class TestServers {

    /** Where one server is and which accounts to use. */
    public record Server(Dialect dialect, String url, String user, String password, String loaderUser) {}

    private final Map<String, String> environment;

    public TestServers(Map<String, String> environment) {
        this.environment = environment;
    }

    public static TestServers fromEnvironment() {
        return new TestServers(System.getenv());
    }

    /** The server for a dialect, or a skipped (or, in CI, failed) test. */
    public Server require(Dialect dialect) {
        Optional<Server> server = find(dialect);
        if (server.isPresent()) {
            return server.get();
        }
        String variable = prefix(dialect) + "_URL";
        String message = dialect.displayName() + " tests need a server: set " + variable
                + " (bash .ci/run sets it up; see docker-compose.test.yml for Docker)";
        if (requireAll()) {
            Assertions.fail(message + " — QUERYBENCH_REQUIRE_ALL_BACKENDS=true, so a missing backend fails the build");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    public Optional<Server> find(Dialect dialect) {
        String prefix = prefix(dialect);
        String url = environment.get(prefix + "_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String user = environment.getOrDefault(prefix + "_USER", defaultUser(dialect));
        String password = environment.getOrDefault(prefix + "_PASSWORD", "");
        String loader = environment.getOrDefault(prefix + "_LOADER_USER", user);
        return Optional.of(new Server(dialect, url.strip(), user, password, loader));
    }

    public boolean requireAll() {
        return Boolean.parseBoolean(environment.getOrDefault("QUERYBENCH_REQUIRE_ALL_BACKENDS", "false"));
    }

    private static String prefix(Dialect dialect) {
        return "QUERYBENCH_TEST_" + switch (dialect.id()) {
            case "postgresql" -> "POSTGRES";
            default -> dialect.id().toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static String defaultUser(Dialect dialect) {
        return switch (dialect.id()) {
            case "postgresql" -> "postgres";
            case "mysql" -> "root";
            case "trino" -> "querybench";
            default -> "";
        };
    }
}
