package dev.querybench.engine.db.reader;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.db.AccountSafety;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Creates the account untrusted SQL should run under, with the smallest grants — on PostgreSQL a
 * login role with CONNECT, USAGE on the schemas and SELECT on their tables; on MySQL/MariaDB a user
 * with SELECT and SHOW VIEW on the database — or writes the SQL for a DBA; for Trino, whose users
 * live in the coordinator's configuration, the access-control rule. After creating it, checks on the
 * server that the new account can only read. {@code querybench db reader} and the connection wizard
 * both use it. Stateless and thread-safe; {@link #create} does blocking I/O.
 */
public final class ReaderAccounts {

    /** Stands for the password in SQL written for a DBA. */
    public static final String PASSWORD_PLACEHOLDER = "choose-a-password";

    /** Whether this service can create the reader itself ({@link DatabaseEngine#createsReaders()}). */
    public static boolean creates(Dialect dialect) {
        return DatabaseBackends.engine(dialect).createsReaders();
    }

    /**
     * What a DBA runs to make the reader: SQL statements ending in {@code ;} with a placeholder
     * password (PostgreSQL, MySQL/MariaDB), Trino's access-control rule, or for SQLite why none is needed.
     */
    public String script(ConnectionProfile admin, ReaderAccount reader) {
        DatabaseEngine engine = admin.dialect().engine();
        if (!engine.createsReaders()) {
            return engine.manualReaderSetup(admin.url(), reader.name());
        }
        return String.join("\n", statements(admin, reader, PASSWORD_PLACEHOLDER).stream().map(s -> s + ";").toList());
    }

    /**
     * Creates the reader over the administrator's connection, then connects as the reader and checks
     * that it can only read.
     *
     * @return what the server enforces for the new account on every untrusted query
     * @throws QueryBenchException when the engine has no SQL accounts, the administrator may not create
     *     accounts, the account exists already, or the new account still holds more than reading; each
     *     with the fix
     */
    public AccountSafety create(ConnectionProfile admin, ReaderAccount reader, String password) {
        if (!creates(admin.dialect())) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION, admin.dialect().displayName()
                    + " accounts are not made with SQL", admin.dialect().engine().manualReaderFix()));
        }
        if (password == null || password.isEmpty()) {
            throw new ConfigException("the reader needs a password", "type one, or name the environment variable"
                    + " or keyring entry that holds it", null);
        }
        run(admin, reader, statements(admin, reader, password));
        ConnectionProfile asReader = admin.withCredentials(reader.name(), password).withPrivilegedAccountAllowed(false)
                .withReaderRole(null);
        try (DatabaseBackend backend = DatabaseBackends.open(asReader)) {
            AccountSafety safety = backend.accountSafety();
            if (safety.privileged()) {
                throw new QueryBenchException(ErrorResponse.of(ErrorCategory.PERMISSION, "the new account "
                        + reader.name() + " still holds more than reading: " + String.join("; ", safety.excess()),
                        "revoke those grants (a role or PUBLIC may give them), then check again"));
            }
            return safety;
        }
    }

    /**
     * The profile that uses the reader: {@code source}'s connection under the reader's name, the
     * password by reference, no reader role and no privileged opt-in.
     */
    public DatabaseConfig profile(DatabaseConfig source, String profileName, ReaderAccount reader, SecretRef password) {
        return new DatabaseConfig(profileName, source.type(), source.path(), source.init(), source.url(),
                source.host(), source.port(), source.database(), source.schema(), reader.name(), password,
                source.options(), source.poolSize(), source.connectTimeoutSeconds(), source.instances(), null, null);
    }

    private static List<String> statements(ConnectionProfile admin, ReaderAccount reader, String password) {
        return admin.dialect().engine().readerStatements(admin.url(), reader.name(), reader.hostPattern(),
                reader.schemas(), password);
    }

    private static void run(ConnectionProfile admin, ReaderAccount reader, List<String> statements) {
        Properties properties = new Properties();
        Optional.ofNullable(admin.username()).ifPresent(u -> properties.setProperty("user", u));
        Optional.ofNullable(admin.password()).ifPresent(p -> properties.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(admin.url().withoutCredentials().toJdbcUrl(), properties)) {
            // where DDL is transactional (PostgreSQL), a refused grant leaves no half-made role behind
            boolean transactional = admin.dialect().engine().transactionalDdl();
            c.setAutoCommit(!transactional);
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
                if (transactional) {
                    c.commit();
                }
            } catch (SQLException e) {
                if (transactional) {
                    c.rollback();
                }
                throw e;
            }
        } catch (SQLException e) {
            String who = admin.username() == null ? "the account" : "the account " + admin.username();
            throw new QueryBenchException(admin.dialect().engine().explainReaderRefusal(e, who, reader.name())
                    .orElseGet(() -> new DatabaseErrors().describe(e, admin.dialect())), e);
        }
    }
}
