package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.PoolSettings;
import dev.querybench.engine.session.QuestionDatabases;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which database a command works on: a profile of the workspace ({@code --db NAME}, the default
 * profile without it) or a JDBC URL ({@code --db jdbc:…}), with an optional other account.
 * Passwords come from an environment variable, never from the command line.
 */
final class DatabaseOptions {

    @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
            description = "Workspace folder, or 'sample' for the built-in sample (default: ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = "--db", paramLabel = "PROFILE|URL",
            description = "A database profile of the workspace, or a JDBC URL (default: the workspace's database).")
    String database;

    @Option(names = "--user", description = "Connect as this account instead of the profile's.")
    String user;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "Environment variable that holds the password for --user or a URL.")
    String passwordEnv;

    @Option(names = "--reader-role", paramLabel = "ROLE",
            description = "PostgreSQL: run untrusted SQL under this role (SET ROLE), e.g. one made by"
                    + " 'querybench db reader'.")
    String readerRole;

    @Option(names = "--allow-privileged-account",
            description = "Let untrusted SQL run under an account with more than read privileges (superuser,"
                    + " FILE, write grants); runs and reports then say so.")
    boolean allowPrivilegedAccount;

    /** The loaded workspace, unless the database was given as a URL. */
    Optional<Workspace> workspace(CliEnvironment environment) {
        if (isUrl()) {
            return Optional.empty();
        }
        return Optional.of(new WorkspaceLoader().load(environment.workspaceFolder(workspace)));
    }

    /** The workspace, which this command needs even when the database is a URL (for its dataset). */
    Workspace requireWorkspace(CliEnvironment environment) {
        return new WorkspaceLoader().load(environment.workspaceFolder(workspace));
    }

    /** The workspace profile the command works on, or empty when the database was given as a URL. */
    Optional<String> profileName(Workspace ws) {
        return isUrl() ? Optional.empty()
                : Optional.of(database != null ? database : ws.config().database().nameOrDefault());
    }

    /**
     * The databases a dataset's questions name, with the command's database as the one for questions
     * that name none; closing it leaves that database open.
     */
    QuestionDatabases questionDatabases(CliEnvironment environment, Workspace ws, String defaultName,
            DatabaseBackend defaultBackend) {
        return new QuestionDatabases(ws, defaultName, defaultBackend,
                name -> WorkspaceSession.openDatabase(ws, environment.secrets(), name), 2);
    }

    ConnectionProfile profile(CliEnvironment environment) {
        ConnectionProfile profile = baseProfile(environment);
        if (readerRole != null) {
            profile = profile.withReaderRole(readerRole);
        }
        return allowPrivilegedAccount ? profile.withPrivilegedAccountAllowed(true) : profile;
    }

    private ConnectionProfile baseProfile(CliEnvironment environment) {
        String password = password(environment);
        if (isUrl()) {
            ConnectionUrl url;
            try {
                url = ConnectionUrl.parse(database);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--db: " + e.getMessage(), "pass a profile name or a JDBC URL", null);
            }
            if (!url.dialect().isServer() && url.database() != null) {
                url = ConnectionUrl.file(url.dialect(), Path.of(url.database()).toAbsolutePath().normalize().toString())
                        .withOptions(url.options());
            }
            String account = user != null ? user : url.options().get("user");
            return new ConnectionProfile("command-line", url.dialect(), url.withoutCredentials().toJdbcUrl(), account,
                    password, new PoolSettings(4, Duration.ofSeconds(10)));
        }
        Workspace ws = requireWorkspace(environment);
        ConnectionProfile profile = WorkspaceSession.databaseProfile(ws, environment.secrets(), database);
        return user == null && password == null ? profile
                : profile.withCredentials(user != null ? user : profile.username(),
                        password != null ? password : profile.password());
    }

    private String password(CliEnvironment environment) {
        if (passwordEnv == null) {
            return null;
        }
        SecretRef ref;
        try {
            ref = SecretRef.env(passwordEnv);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--password-env: " + e.getMessage(), "name an environment variable", null);
        }
        return environment.secrets().resolve(ref).orElseThrow(() -> new ConfigException(
                "--password-env: environment variable " + passwordEnv + " is not set",
                "export " + passwordEnv + " with the password", null));
    }

    private boolean isUrl() {
        return database != null && database.regionMatches(true, 0, "jdbc:", 0, 5);
    }
}
