package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.db.AccountSafety;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.reader.ReaderAccount;
import dev.querybench.engine.db.reader.ReaderAccounts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
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

    private final CliEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--name", defaultValue = ReaderAccount.DEFAULT_NAME,
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
        ReaderAccount reader = new ReaderAccount(name, schemas, hostPattern);
        ReaderAccounts accounts = new ReaderAccounts();
        if (printSql || !ReaderAccounts.creates(admin.dialect())) {
            out.println(accounts.script(admin, reader));
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
        AccountSafety safety = accounts.create(admin, reader, password);
        out.println("created " + admin.dialect().displayName() + " reader account " + name + " on "
                + admin.url().host() + "/" + Optional.ofNullable(admin.url().database()).orElse(""));
        out.println("checked: " + name + " can only read; every untrusted query:");
        safety.protections().forEach(p -> out.println("  - " + p));
        save(admin, accounts, reader, ref, out);
        return ExitCodes.OK;
    }

    private void save(ConnectionProfile admin, ReaderAccounts accounts, ReaderAccount reader, SecretRef ref,
            PrintWriter out) {
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
        new WorkspaceProfileWriter().save(environment.workspaceFolder(database.workspace),
                new WorkspaceProfileWriter.Profile(accounts.profile(source.get(), profileName, reader, ref), List.of(),
                        null));
        out.println("saved profile " + profileName + " (username " + name + ", password from {env: "
                + readerPasswordEnv + "}); use it with --db " + profileName);
    }
}
