package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One database engine QueryBench can run SQL on, with everything about it that differs by
 * vendor: its {@link Dialect} (names, URL form, how its SQL text reads), the backend, the driver's
 * URL options and check-time defaults, its TLS advice, how its server names its version and
 * classifies errors, the DDL a dataset is loaded with, its reader accounts and read-only checks,
 * and the notes a prompt gives a model about it. Each vendor package ({@code db.sqlite},
 * {@code db.postgres}, {@code db.mysql}, {@code db.trino}) has one implementation, registered in
 * {@code META-INF/services/dev.querybench.engine.db.DatabaseEngine}; {@link DatabaseBackends} finds
 * it by {@link #dialect()}, so no other package names a vendor package or compares dialects
 * (docs/architecture.md, "Where to add"). The default methods state what most engines do; an
 * engine overrides where it differs. Implementations are stateless and thread-safe.
 */
public interface DatabaseEngine {

    /** The dialect whose profiles this engine opens. */
    Dialect dialect();

    /**
     * Opens a pool for the profile and checks one connection.
     *
     * @throws dev.querybench.engine.errors.QueryBenchException saying what is wrong when the
     *     database cannot be reached or used
     */
    DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors);

    /** The URL options this engine's JDBC driver understands, to catch typos before connecting. */
    Set<String> driverOptions();

    /**
     * Adds this driver's time limits (or, for a file, its open mode) to the options of a one-off
     * check connection, where the URL does not set them.
     */
    void checkOptions(Map<String, String> options, Duration timeout);

    /** What to change when the client and the server disagree about TLS. */
    String tlsFix();

    /** Short notes on this dialect that models often get wrong, for prompts that ask for them. */
    String promptHints();

    /** The server as users know it, from the driver's product version ("MariaDB 10.11.19"). */
    String serverName(String productVersion);

    /** Whether QueryBench can create a reader account on this engine itself (with SQL it runs). */
    boolean createsReaders();

    /** The type a portable column type ({@code TIMESTAMP}, {@code NUMERIC(10,2)} …) is written as here. */
    default String columnType(String portable) {
        return portable;
    }

    /** Whether CREATE TABLE may declare primary and foreign keys (Trino's connectors take none). */
    default boolean declaresKeys() {
        return true;
    }

    /** Whether INSERT literals of dates, times and decimals need a CAST to the column's type (Trino). */
    default boolean castsLiterals() {
        return false;
    }

    /**
     * How many rows one INSERT of a loaded dataset may carry after merging consecutive INSERTs of a
     * table; 0 keeps the statements as written.
     */
    default int rowsPerInsert() {
        return 0;
    }

    /** Whether DDL takes part in transactions, so a failed load or grant leaves nothing half made. */
    default boolean transactionalDdl() {
        return false;
    }

    /** The statement that drops a table of a dataset being reloaded (with what depends on it, where needed). */
    default String dropTable(String table) {
        return "DROP TABLE " + table;
    }

    /** Creates the connection's schema when the engine does not have it yet (Trino); most need nothing. */
    default void createSchemaIfMissing(Connection connection) throws SQLException {}

    /** Statements run before a dataset's tables are rebuilt (such as switching off foreign key checks). */
    default List<String> beforeBulkLoad() {
        return List.of();
    }

    /** Statements run after a dataset's tables are rebuilt, undoing {@link #beforeBulkLoad()}. */
    default List<String> afterBulkLoad() {
        return List.of();
    }

    /** The catalog to list the connection's tables in (null: any). */
    default String tableCatalog(Connection connection) throws SQLException {
        return null;
    }

    /** The schema to list the connection's tables in (null: any). */
    default String tableSchema(Connection connection) throws SQLException {
        return null;
    }

    /**
     * A query counting the tables and views of a file database, to prove a file opens as one
     * (empty for servers, whose connection proves it).
     */
    default Optional<String> tableCountQuery() {
        return Optional.empty();
    }

    /**
     * What went wrong by this engine's SQLSTATE, vendor code or message, or null when they do not
     * tell (the network, timeout and wording rules common to all engines decide then).
     *
     * @param text the messages of the whole cause chain, lower case
     */
    default DatabaseErrors.Kind errorKind(String sqlState, int vendorCode, String text) {
        return null;
    }

    /** The URL option that selects a profile's {@code schema:} (PostgreSQL's currentSchema), if any. */
    default Optional<String> schemaOption() {
        return Optional.empty();
    }

    /**
     * Whether a query needs the driver's own timer ({@code Statement.setQueryTimeout}) besides the
     * watchdog's cancel; false where the session's time limit makes it a needless third copy.
     */
    default boolean needsDriverQueryTimer() {
        return true;
    }

    /**
     * Whether sql-eval's reference runs this engine's queries through a driver that reads {@code %}
     * as a parameter marker, so its LIKE patterns are compared with {@code %%} (PostgreSQL).
     */
    default boolean sqlEvalEscapesPercent() {
        return false;
    }

    /**
     * The statements that create a read-only reader account, for an engine that
     * {@link #createsReaders() creates readers}; ending without {@code ;}.
     *
     * @param url the administrator's connection (its database, schema)
     * @param reader the account name
     * @param hostPattern where the account may connect from, for engines whose accounts have one
     * @param schemas the schemas to grant (empty: the URL's, or the default one)
     * @param password the password, written as a literal
     * @throws dev.querybench.engine.errors.QueryBenchException when the URL lacks what the grants need
     */
    default List<String> readerStatements(ConnectionUrl url, String reader, String hostPattern, List<String> schemas,
            String password) {
        throw new UnsupportedOperationException(dialect().displayName() + " accounts are not made with SQL");
    }

    /**
     * For an engine that does not create readers itself: what to do instead, as a script a person
     * follows (Trino's access-control rule, SQLite's note that none is needed).
     */
    default String manualReaderSetup(ConnectionUrl url, String reader) {
        return "-- " + dialect().displayName() + " accounts are not made with SQL; create a read-only account with"
                + " the server's own tools";
    }

    /** The fix shown when asked to create a reader on an engine that does not create them. */
    default String manualReaderFix() {
        return "create a read-only account with the server's own tools";
    }

    /**
     * The administrator's refusals of the reader statements that this engine can explain better than
     * a generic database error (no right to create accounts, the name taken): the {@link #readerRefusal}
     * it recognises, worded the same for every engine by {@link ReaderRefusal#explain}.
     *
     * @param who "the account NAME", for messages
     */
    default Optional<ErrorResponse> explainReaderRefusal(SQLException e, String who, String reader) {
        return readerRefusal(e).map(refusal -> refusal.explain(e, who, reader, readerRightsFix()));
    }

    /** Which reader refusal the server's error is, by its SQLSTATE or vendor code; empty for any other error. */
    default Optional<ReaderRefusal> readerRefusal(SQLException e) {
        return Optional.empty();
    }

    /** The fix when the administrator may not create accounts or grant reading ({@link ReaderRefusal#NO_RIGHT}). */
    default String readerRightsFix() {
        return "connect as an account that may create accounts and grant reading, or hand the SQL (Show SQL /"
                + " --print-sql) to a DBA";
    }

    /**
     * Finds out, without writing anything, whether the connection's account can write, and the SQL
     * that makes a read-only account; for server engines (a file engine's rights are the file's).
     */
    default WriteAccess writeAccess(Connection connection, String user) throws SQLException {
        return new WriteAccess(true, List.of("QueryBench cannot read " + dialect().displayName()
                + "'s privileges; treat the account as one that can write"), "");
    }

    /**
     * What is wrong with a file engine's database file (missing, unreadable, not this engine's
     * format), or empty when it looks usable; servers have no file and return empty.
     */
    default Optional<ErrorResponse> fileProblem(String path) {
        return Optional.empty();
    }

    /** Whether a file engine's database file can be written by this user, and how to stop that. */
    default WriteAccess fileWriteAccess(java.nio.file.Path file) {
        boolean writable = java.nio.file.Files.isWritable(file);
        return new WriteAccess(writable, List.of(writable ? "the file is writable by this user"
                : "the file is read-only for this user"), writable ? "chmod a-w " + file : "");
    }

    /** How a test suite writes copies of a database on this server, when it can (empty: it cannot). */
    default Optional<SuiteAreas> suiteAreas() {
        return Optional.empty();
    }

    /**
     * Builds a file database from SQL scripts when the file is missing (a profile's {@code init:});
     * engines without files ignore them.
     */
    default void buildIfMissing(java.nio.file.Path file, List<java.nio.file.Path> scripts) {}

    /** The products a dataset's {@code requires:} may name for this engine ({@code mysql}, {@code mariadb}). */
    default List<String> products() {
        return List.of(dialect().id());
    }

    /**
     * What to write instead of an unknown JDBC scheme that users of this engine mistake for its own
     * ({@code jdbc:postgres}), or empty when the scheme is not such a mistake.
     */
    default Optional<String> wrongSchemeHint(String scheme) {
        return Optional.empty();
    }
}
