package dev.querybench.engine.config;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.PoolSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link DatabaseConfig} from a workspace file into a {@link ConnectionProfile}: builds
 * the JDBC URL from fields (or checks the given one), resolves SQLite paths against the
 * workspace and looks the password up through its secret reference. Thread-safe.
 */
public final class DatabaseProfileResolver {

    private final SecretResolver secrets;

    public DatabaseProfileResolver(SecretResolver secrets) {
        this.secrets = secrets;
    }

    /**
     * @param root the workspace folder SQLite paths are relative to
     * @param defaultPoolSize pool size when the profile sets none
     * @throws ConfigException naming the field and the fix
     */
    public ConnectionProfile resolve(DatabaseConfig db, Path root, int defaultPoolSize) {
        String where = "database profile '" + db.nameOrDefault() + "'";
        Dialect dialect = dialectOf(db, where);
        ConnectionUrl url = checkedUrl(db, dialect, root, where);
        String user = db.username() != null ? db.username() : url.options().get("user");
        String password = null;
        if (db.password() != null) {
            Optional<String> secret = secrets.resolve(db.password());
            if (secret.isEmpty()) {
                throw new ConfigException(where + ": the password is read from " + db.password().describe()
                        + ", which is not set", db.password().howToSet(), null);
            }
            password = secret.get();
        }
        int poolSize = db.poolSize() != null ? db.poolSize() : Math.max(2, defaultPoolSize);
        int connectSeconds = db.connectTimeoutSeconds() != null ? db.connectTimeoutSeconds() : 10;
        if (poolSize < 1 || connectSeconds < 1) {
            throw new ConfigException(where + ": poolSize and connectTimeoutSeconds must be at least 1",
                    "fix the database section", null);
        }
        return new ConnectionProfile(db.nameOrDefault(), dialect, url.withoutCredentials().toJdbcUrl(), user, password,
                new PoolSettings(poolSize, Duration.ofSeconds(connectSeconds)), db.readerRole(),
                Boolean.TRUE.equals(db.allowPrivilegedAccount()));
    }

    /**
     * Checks the profile's shape without looking up its secret, for loading a workspace.
     *
     * @return the engine it names
     * @throws ConfigException naming the field and the fix
     */
    public Dialect check(DatabaseConfig db, Path root) {
        String where = "database profile '" + db.nameOrDefault() + "'";
        Dialect dialect = dialectOf(db, where);
        checkedUrl(db, dialect, root, where);
        return dialect;
    }

    private static ConnectionUrl checkedUrl(DatabaseConfig db, Dialect dialect, Path root, String where) {
        ConnectionUrl url = urlOf(db, dialect, root, where);
        if (url.options().containsKey("password")) {
            throw new ConfigException(where + ": the URL holds a password",
                    "remove it from the URL and write password: {env: NAME} with the password in that variable", null);
        }
        return url;
    }

    private static Dialect dialectOf(DatabaseConfig db, String where) {
        Dialect fromType = null;
        if (db.type() != null) {
            fromType = Dialect.fromName(db.type()).orElseThrow(() -> new ConfigException(
                    where + ": database type '" + db.type() + "' is not supported",
                    "use type: one of " + Dialect.knownNames(), null));
        }
        if (db.url() == null || db.url().isBlank()) {
            if (fromType == null) {
                throw new ConfigException(where + ": no 'type' and no 'url'",
                        "add type: (one of " + Dialect.knownNames() + ") or url: jdbc:…", null);
            }
            return fromType;
        }
        Dialect fromUrl;
        try {
            fromUrl = ConnectionUrl.parse(db.url()).dialect();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), "fix the url", null);
        }
        if (fromType != null && fromType != fromUrl) {
            throw new ConfigException(where + ": type '" + db.type() + "' does not match the URL, which is for "
                    + fromUrl.displayName(), "remove type: or make it match the URL", null);
        }
        return fromUrl;
    }

    private static ConnectionUrl urlOf(DatabaseConfig db, Dialect dialect, Path root, String where) {
        if (db.url() != null && !db.url().isBlank()) {
            ConnectionUrl url = ConnectionUrl.parse(db.url());
            if (!dialect.isServer() && url.database() != null) {
                url = ConnectionUrl.file(dialect, root.resolve(url.database()).normalize().toString());
            }
            Map<String, String> options = new LinkedHashMap<>(url.options());
            options.putAll(db.options());
            return url.withOptions(options);
        }
        if (!dialect.isServer()) {
            if (db.path() == null || db.path().isBlank()) {
                throw new ConfigException(where + ": the " + dialect.id() + " database has no 'path'",
                        "add path: <file>.db (relative to the workspace)", null);
            }
            return ConnectionUrl.file(dialect, root.resolve(db.path()).normalize().toString());
        }
        if (db.host() == null || db.host().isBlank()) {
            throw new ConfigException(where + ": no 'host'", "add host: (for example 127.0.0.1) or a url:", null);
        }
        if (db.port() != null && (db.port() < 1 || db.port() > 65_535)) {
            throw new ConfigException(where + ": port " + db.port() + " is not between 1 and 65535",
                    "use the server's port (" + dialect.displayName() + " usually listens on " + dialect.defaultPort()
                            + ")", null);
        }
        if (db.database() == null || db.database().isBlank()) {
            throw new ConfigException(where + ": no 'database'", dialect.schemaInUrl()
                    ? "add database: <catalog> and schema: <schema>" : "add database: <name>", null);
        }
        if (dialect.schemaInUrl() && (db.schema() == null || db.schema().isBlank())) {
            throw new ConfigException(where + ": no 'schema'", dialect.displayName() + " profiles name a catalog"
                    + " (database:) and a schema (schema:)", null);
        }
        Map<String, String> options = new LinkedHashMap<>(db.options());
        String schema = null;
        if (dialect.schemaInUrl()) {
            schema = db.schema();
        } else if (db.schema() != null) {
            dialect.engine().schemaOption().ifPresent(option -> options.putIfAbsent(option, db.schema()));
        }
        return ConnectionUrl.server(dialect, db.host(), db.port(), db.database(), schema, options);
    }
}
