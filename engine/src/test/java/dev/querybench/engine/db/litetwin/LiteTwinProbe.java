package dev.querybench.engine.db.litetwin;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.DatabaseDefinition;
import dev.querybench.engine.db.DatasetDatabaseLoader;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.StatementGuard;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs in a child JVM whose class path registers {@link LiteTwinEngine}: finds the engine by name
 * and URL, loads a dataset database into a file, and runs queries through the safe executor,
 * printing one {@code key=value} line per finding for {@code NewEngineByRegistrationTest}.
 */
public final class LiteTwinProbe {

    private LiteTwinProbe() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        say("registered", String.join(",", Dialect.knownNames()));
        Dialect twin = Dialect.named("twin");
        ConnectionUrl url = ConnectionUrl.parse("jdbc:litetwin:" + file);
        say("url", url.dialect().id() + " " + url.database() + " server=" + url.dialect().isServer());
        DatabaseDefinition definition = DatabaseDefinition.fromScripts("music",
                "CREATE TABLE singer (id INTEGER NOT NULL, name VARCHAR(40), born DATE, PRIMARY KEY (id));",
                "INSERT INTO singer (id, name, born) VALUES (1, 'Ada', '1990-01-02'), (2, 'Bo', '1985-06-07');");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            say("load", new DatasetDatabaseLoader(Clock.systemUTC()).load(c, twin, definition).action().name());
        }
        ConnectionProfile profile = new ConnectionProfile("twin", twin, url.toJdbcUrl(), null, null);
        try (DatabaseBackend backend = DatabaseBackends.open(profile)) {
            say("backend", backend.dialect().displayName() + " " + backend.serverVersion().startsWith("LiteTwin"));
            SafeExecutor executor = new SafeExecutor(backend);
            QueryLimits limits = new QueryLimits(Duration.ofSeconds(10), 100);
            say("rows", outcome(() -> executor.execute("SELECT name FROM singer ORDER BY id", limits).rows().toString()));
            say("stacked", outcome(() -> executor.execute("SELECT 1; DELETE FROM singer", limits).rows().toString()));
            say("write", outcome(() -> executor.execute("DELETE FROM singer", limits).rows().toString()));
            say("unknown", outcome(() -> executor.execute("SELECT nope FROM singer", limits).rows().toString()));
            say("tables", String.valueOf(backend.introspect().tables().size()));
        }
        String brackets = "SELECT [a;b] FROM singer";
        say("brackets.twin", outcome(() -> new StatementGuard(twin).check(brackets)));
        say("brackets.sqlite", outcome(() -> new StatementGuard(Dialect.named("sqlite")).check(brackets)));
    }

    private static String outcome(Supplier<String> work) {
        try {
            return "ok " + work.get();
        } catch (QueryExecutionException e) {
            return e.failure().name() + " " + e.getMessage();
        }
    }

    private static void say(String key, String value) {
        System.out.println(key + "=" + value.replace('\n', ' '));
    }
}
