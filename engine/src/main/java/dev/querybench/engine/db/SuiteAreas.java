package dev.querybench.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How a test suite writes its copies of a database ("areas") on a server engine: a schema in the
 * profile's database (PostgreSQL) or a database of its own (MySQL/MariaDB), with the SQL that
 * makes, fills, grants and drops one. An engine that offers this returns it from
 * {@link DatabaseEngine#suiteAreas()}; the test-suite builder uses nothing else about the vendor.
 * Implementations are stateless and thread-safe; the methods taking a connection do blocking I/O.
 */
public interface SuiteAreas {

    /** What an area is, in the plural, for messages: "schemas" or "databases". */
    String areaNoun();

    /** Where new areas go, for the workbench: "schemas in its database" or "databases". */
    String areaPlace();

    /** Whether an area is a schema of the profile's database (read through the schema option) or a database. */
    boolean areasAreSchemas();

    /** The URL options of the administrator's connection, from the profile's. */
    Map<String, String> adminOptions(Map<String, String> profileOptions);

    /** The area the profile reads now: its schema or its database. */
    String currentArea(Connection connection, ConnectionUrl url) throws SQLException;

    /** Statements that make {@code area} the one unqualified names refer to on the administrator's connection. */
    List<String> enterArea(String area);

    /** A query of each column's name and its type as written in DDL, for a table of an area. */
    PreparedStatement columnTypes(Connection connection, String area, String table) throws SQLException;

    /** Creates {@code area} when missing. */
    void createArea(Connection admin, String area) throws SQLException;

    /** Drops these tables (qualified and quoted) when they exist, whatever points at them. */
    void dropTables(Connection admin, List<String> tables) throws SQLException;

    /** Drops {@code area} and everything in it, when it exists, taking back what was granted. */
    void dropArea(Connection admin, String area, String grantee) throws SQLException;

    /** Statements letting {@code grantee} read every table of {@code area}. */
    List<String> grantRead(String area, String grantee);

    /** Who must read the areas, quoted for a GRANT: the profile's reader role or account; null for the admin. */
    String grantee(ConnectionProfile profile) throws SQLException;

    /** A boolean column's value as the driver takes it, from SQLite's 0 or 1. */
    Object booleanValue(Number value);

    /**
     * What a foreign key of an area adds to its definition so that a reload can delete and insert
     * rows in any order inside one transaction, checked at the end ({@code DEFERRABLE INITIALLY
     * DEFERRED}); empty when the engine does that with {@link #reloadStart()} instead.
     */
    String reloadableForeignKey();

    /** Statements before an area's rows are deleted and copied again (checks off while they change); may be none. */
    List<String> reloadStart();

    /** Statements after that, in every case (checks on again); may be none. */
    List<String> reloadEnd();

    /** The start of a DELETE of {@code table}'s rows under an alias ({@code DELETE FROM t c}, {@code DELETE c FROM t c}). */
    String deleteAliased(String table, String alias);
}
