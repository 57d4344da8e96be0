package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.db.AccountSafety;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code querybench db reader}: creates the account untrusted SQL should run under — on PostgreSQL a
 * login role with CONNECT, USAGE on the schemas and SELECT on their tables; on MySQL/MariaDB a user
 * with SELECT and SHOW VIEW on the database — or prints the SQL for a DBA; for Trino it prints the
 * access-control rule, since Trino's users live in the coordinator's configuration. Then it checks
 * the new account is a reader and saves a workspace profile for it, with the password by reference.
 */
@Command(name = "reader", mixinStandardHelpOptions = true,
        description = "Create a least-privilege reader account for untrusted SQL (PostgreSQL, MySQL/MariaDB), or print"
                + " the SQL (--print-sql) or, for Trino, the access-control rule; then save a profile that uses it.")
final class DbReaderCommand implements Callable<Integer> {

    private static final String PASSWORD_PLACEHOLDER = "choose-a-password";

    private final CliEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--name", defaultValue = "querybench_reader",
            description = "The reader account's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--reader-password-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the reader's password; the saved profile reads it from there.")
    String readerPasswordEnv;

    @Option(names = "--schema", split = ",", description = "PostgreSQL: schemas to grant reading on (default: the"
            + " profile's schema, or public).")
    List<String> schemas;

    @Option(names = "--host-pattern", defaultValue = "%",
            description = "MySQL/MariaDB: the host part of the account (default: ${DEFAULT-VALUE}).")
    String hostPattern;

    @Option(names = "--print-sql", description = "Print the SQL for a DBA instead of running it.")
    boolean printSql;

    @Option(names = "--save-profile", paramLabel = "NAME",
            description = "Name of the workspace profile to save for the reader (default: <profile>-reader).")
    String saveProfile;

    DbReaderCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = environment.out();
        ConnectionProfile admin = database.profile(environment);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new ConfigException("--name " + name + " is not a plain account name",
                    "use letters, digits and underscores, starting with a letter", null);
        }
        if (admin.dialect() == Dialect.SQLITE) {
            out.println("SQLite has no accounts: QueryBench opens the file read-only (SQLITE_OPEN_READONLY, query_only,"
                    + " no ATTACH, no extensions). To protect it from every program: chmod a-w " + admin.url().database());
            return ExitCodes.OK;
        }
        if (admin.dialect() == Dialect.TRINO) {
            out.println(trinoRule(admin));
            return ExitCodes.OK;
        }
        if (printSql) {
            statements(admin, PASSWORD_PLACEHOLDER).forEach(s -> out.println(s + ";"));
            return ExitCodes.OK;
        }
        if (readerPasswordEnv == null) {
            throw new ConfigException("db reader needs the reader's password",
                    "export it in a variable and pass --reader-password-env NAME, or use --print-sql", null);
        }
        SecretRef ref = SecretRef.env(readerPasswordEnv);
        String password = environment.secrets().resolve(ref).orElseThrow(() -> new ConfigException(
                "--reader-password-env: environment variable " + readerPasswordEnv + " is not set",
                "export " + readerPasswordEnv + " with the reader's password", null));
        run(admin, statements(admin, password));
        out.println("created " + admin.dialect().displayName() + " reader account " + name + " on "
                + admin.url().host() + "/" + Optional.ofNullable(admin.url().database()).orElse(""));
        ConnectionProfile reader = admin.withCredentials(name, password).withPrivilegedAccountAllowed(false)
                .withReaderRole(null);
        try (DatabaseBackend backend = DatabaseBackends.open(reader)) {
            AccountSafety safety = backend.accountSafety();
            if (safety.privileged()) {
                environment.err().println("the new account still holds more than reading: "
                        + String.join("; ", safety.excess()));
                return ExitCodes.PROBLEMS;
            }
            out.println("checked: " + name + " can only read; every untrusted query:");
            safety.protections().forEach(p -> out.println("  - " + p));
        }
        save(admin, ref, out);
        return ExitCodes.OK;
    }

    private void save(ConnectionProfile admin, SecretRef ref, PrintWriter out) {
        Optional<Workspace> ws = database.workspace(environment);
        Optional<DatabaseConfig> source = ws.flatMap(w -> database.profileName(w)
                .flatMap(n -> w.config().databaseProfile(n)));
        String profileName = saveProfile != null ? saveProfile
                : source.map(DatabaseConfig::nameOrDefault).orElse(admin.dialect().id()) + "-reader";
        if (ws.isEmpty() || source.isEmpty()) {
            out.println("add this profile to querybench.yaml:");
            out.println("databases:\n  - {name: " + profileName + ", url: \"" + admin.url().withoutCredentials()
                    .toJdbcUrl() + "\", username: " + name + ", password: {env: " + readerPasswordEnv + "}}");
            return;
        }
        DatabaseConfig db = source.get();
        DatabaseConfig readerConfig = new DatabaseConfig(profileName, db.type(), db.path(), db.init(), db.url(),
                db.host(), db.port(), db.database(), db.schema(), name, ref, db.options(), db.poolSize(),
                db.connectTimeoutSeconds(), db.instances(), null, null);
        new WorkspaceProfileWriter().save(environment.workspaceFolder(database.workspace),
                new WorkspaceProfileWriter.Profile(readerConfig, List.of(), null));
        out.println("saved profile " + profileName + " (username " + name + ", password from {env: "
                + readerPasswordEnv + "}); use it with --db " + profileName);
    }

    /** The statements that create the reader, with the password given (a placeholder when printing). */
    private List<String> statements(ConnectionProfile admin, String password) {
        ConnectionUrl url = admin.url();
        List<String> sql = new ArrayList<>();
        if (admin.dialect() == Dialect.POSTGRESQL) {
            String role = "\"" + name + "\"";
            String db = url.database() == null ? "postgres" : url.database();
            sql.add("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''")
                    + "' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            sql.add("GRANT CONNECT ON DATABASE \"" + db.replace("\"", "\"\"") + "\" TO " + role);
            List<String> wanted = schemas != null && !schemas.isEmpty() ? schemas
                    : List.of(url.schema() != null ? url.schema() : "public");
            for (String schema : wanted) {
                String s = "\"" + schema.replace("\"", "\"\"") + "\"";
                sql.add("GRANT USAGE ON SCHEMA " + s + " TO " + role);
                sql.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + s + " TO " + role);
                sql.add("ALTER DEFAULT PRIVILEGES IN SCHEMA " + s + " GRANT SELECT ON TABLES TO " + role);
            }
            sql.add("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            sql.add("ALTER ROLE " + role + " SET statement_timeout = '60s'");
            return sql;
        }
        if (url.database() == null) {
            throw new ConfigException("the MySQL profile names no database", "name the dataset's database in --db", null);
        }
        String account = "'" + name + "'@'" + hostPattern.replace("'", "''") + "'";
        sql.add("CREATE USER " + account + " IDENTIFIED BY '" + password.replace("\\", "\\\\").replace("'", "''") + "'");
        sql.add("GRANT SELECT, SHOW VIEW ON `" + url.database().replace("`", "``") + "`.* TO " + account);
        return sql;
    }

    private void run(ConnectionProfile admin, List<String> statements) {
        Properties properties = new Properties();
        if (admin.username() != null) {
            properties.setProperty("user", admin.username());
        }
        if (admin.password() != null) {
            properties.setProperty("password", admin.password());
        }
        try (Connection c = DriverManager.getConnection(admin.url().withoutCredentials().toJdbcUrl(), properties);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new QueryBenchException(new DatabaseErrors().describe(e, admin.dialect()), e);
        }
    }

    private String trinoRule(ConnectionProfile admin) {
        ConnectionUrl url = admin.url();
        String catalog = url.database() == null ? ".*" : url.database();
        return String.join("\n",
                "# Trino's users and their rights live in the coordinator's configuration, not in SQL.",
                "# etc/access-control.properties:",
                "access-control.name=file",
                "security.config-file=etc/rules.json",
                "# etc/rules.json (the first matching rule wins; keep writers' rules above this one):",
                "{\"catalogs\": [",
                "  {\"user\": \"" + name + "\", \"catalog\": \"" + catalog + "\", \"allow\": \"read-only\"}",
                "]}",
                "# Then use username: " + name + " in the profile; 'querybench validate db' checks that it cannot write.");
    }
}
