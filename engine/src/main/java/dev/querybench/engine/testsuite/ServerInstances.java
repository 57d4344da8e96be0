package dev.querybench.engine.testsuite;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SuiteAreas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite's databases on a PostgreSQL or MySQL/MariaDB server: a schema per instance in the
 * profile's database on PostgreSQL, a database per instance on MySQL/MariaDB, created through the
 * privileged account the user gave and made readable by the profile's account (its reader role on
 * PostgreSQL when it has one). An area is filled from a candidate SQLite file: tables with the
 * server's column types, NOT NULL, primary key and UNIQUE, the rows the server accepts (a value it
 * refuses, such as text longer than the column allows, drops its row), rows whose foreign keys
 * point nowhere deleted, then the foreign keys added, so the server checks every constraint. Our
 * own statements only; names are made of {@code [a-z0-9_]}. Holds one admin connection; not
 * thread-safe.
 */
final class ServerInstances implements AutoCloseable {

    private static final int MAX_NAME = 60;

    private final ConnectionProfile profile;
    private final ServerSchema schema;
    private final Dialect dialect;
    private final SuiteAreas areas;
    private final Connection admin;
    private final String grantee;
    /** Areas this object created or loaded, whose tables a load keeps. */
    private final java.util.Set<String> prepared = new java.util.HashSet<>();

    /**
     * @param profile the profile's connection (the account untrusted SQL runs under)
     * @param admin the same server and database with an account that may create schemas or databases
     */
    ServerInstances(ConnectionProfile profile, ConnectionProfile admin, ServerSchema schema) throws SQLException {
        this.profile = profile;
        this.schema = schema;
        this.dialect = profile.dialect();
        this.areas = areas(dialect);
        this.admin = connect(admin);
        this.grantee = grantee(profile);
    }

    /** How the profile's engine holds a suite's areas. */
    static SuiteAreas areas(Dialect dialect) {
        return dialect.engine().suiteAreas().orElseThrow(() -> new IllegalStateException(
                "test suites are not written on " + dialect.displayName() + " servers"));
    }

    /** A connection for our own statements (PostgreSQL: text parameters cast to the column's type). */
    static Connection connect(ConnectionProfile p) throws SQLException {
        ConnectionUrl url = p.url();
        url = url.withOptions(areas(p.dialect()).adminOptions(url.options()));
        return DriverManager.getConnection(url.toJdbcUrl(), p.username(), p.password());
    }

    /** The schema (PostgreSQL) or database (MySQL) the profile reads. */
    static String realArea(Connection c, ConnectionProfile p) throws SQLException {
        return areas(p.dialect()).currentArea(c, p.url());
    }

    /** The first part of every area name of a profile's suite: {@code qbts_<profile>_s<seed>}. */
    static String baseName(String profileName, long seed) {
        String safe = profileName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String suffix = "_s" + (seed < 0 ? "m" + -seed : Long.toString(seed));
        int room = MAX_NAME - "qbts_".length() - suffix.length() - "_work".length();
        return "qbts_" + safe.substring(0, Math.min(safe.length(), Math.max(1, room))) + suffix;
    }

    /** The profile reading {@code area} instead of its own schema or database. */
    ConnectionProfile profileFor(String area) {
        ConnectionUrl url = profile.url();
        Map<String, String> options = new LinkedHashMap<>(url.options());
        String database = url.database();
        if (areas.areasAreSchemas()) {
            options.put(dialect.engine().schemaOption().orElseThrow(), area);
        } else {
            database = area;
        }
        ConnectionUrl moved = new ConnectionUrl(dialect, url.host(), url.port(), database, url.schema(), options);
        return new ConnectionProfile(profile.name() + "/" + area, dialect, moved.toJdbcUrl(), profile.username(),
                profile.password(), profile.pool(), profile.readerRole(), profile.allowPrivilegedAccount());
    }

    /**
     * Replaces the tables of {@code area} (creating it when missing) by the rows of {@code candidate},
     * or by empty tables when it is null, in one transaction. An area this object loaded before (the
     * work area, once a candidate) keeps its tables: their rows are deleted and the new ones copied,
     * with the foreign keys checked at the end (PostgreSQL: deferred to the commit; MySQL: checks off
     * while the rows change), after the rows that name no parent are deleted — the same rows as in a
     * new area.
     */
    void load(String area, Path candidate) throws SQLException {
        boolean reuse = prepared.contains(area);
        prepared.remove(area);
        admin.setAutoCommit(false);
        try {
            if (reuse) {
                clear(area);
            } else {
                create(area);
                for (SqliteSchema.Table t : schema.model().tables()) {
                    createTable(area, t);
                }
            }
            if (candidate != null) {
                try (Connection source = SuiteFiles.readOnly(candidate)) {
                    RowCopy copy = new RowCopy(admin, this::quote, this::value);
                    for (SqliteSchema.Table t : schema.model().tables()) {
                        copy.copy(source, t, table(area, t.name()));
                    }
                }
            }
            removeOrphans(area);
            if (!reuse) {
                addForeignKeys(area);
                grant(area);
            }
            admin.commit();
            prepared.add(area);
        } catch (SQLException | RuntimeException e) {
            admin.rollback();
            throw e;
        } finally {
            if (reuse) {
                for (String sql : areas.reloadEnd()) {
                    execute(sql);
                }
            }
            admin.setAutoCommit(true);
        }
    }

    private void clear(String area) throws SQLException {
        for (String sql : areas.reloadStart()) {
            execute(sql);
        }
        for (SqliteSchema.Table t : schema.model().tables()) {
            execute("DELETE FROM " + table(area, t.name()));
        }
    }

    private void addForeignKeys(String area) throws SQLException {
        // so that a reload can delete and insert rows in any order before the commit (PostgreSQL: deferred)
        String deferred = areas.reloadableForeignKey();
        for (SqliteSchema.Table t : schema.model().tables()) {
            for (SqliteSchema.ForeignKey fk : foreignKeys(t)) {
                execute("ALTER TABLE " + table(area, t.name()) + " ADD FOREIGN KEY (" + names(fk.columns())
                        + ") REFERENCES " + table(area, fk.referencedTable()) + " (" + names(fk.referencedColumns())
                        + ")" + deferred);
            }
        }
    }

    /** Drops {@code area} and everything in it, when it exists. */
    void drop(String area) throws SQLException {
        prepared.remove(area);
        areas.dropArea(admin, area, grantee);
    }

    /** A hash of every table's rows in a fixed order: equal for areas with the same content. */
    String contentHash(String area) throws SQLException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SqliteSchema.Table t : schema.model().tables()) {
                String columns = names(t.columns().stream().map(SqliteSchema.Column::name).toList());
                String order = String.join(", ", java.util.stream.IntStream.rangeClosed(1, t.columns().size())
                        .mapToObj(Integer::toString).toList());
                try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT " + columns
                        + " FROM " + table(area, t.name()) + " ORDER BY " + order)) {
                    digest.update(t.name().getBytes(StandardCharsets.UTF_8));
                    while (rs.next()) {
                        for (int i = 1; i <= t.columns().size(); i++) {
                            digest.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            admin.close();
        } catch (SQLException ignored) {
            // closing a connection that failed already
        }
    }

    private void create(String area) throws SQLException {
        areas.createArea(admin, area);
        List<String> drops = new ArrayList<>();
        for (SqliteSchema.Table t : schema.model().tables()) {
            drops.add(table(area, t.name()));
        }
        areas.dropTables(admin, drops);
    }

    private void createTable(String area, SqliteSchema.Table t) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table(area, t.name())).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            SqliteSchema.Column c = t.columns().get(i);
            sql.append(i == 0 ? "" : ", ").append(quote(c.name())).append(' ')
                    .append(schema.serverType(t.name(), c.name())).append(c.notNull() ? " NOT NULL" : "");
        }
        if (!t.primaryKey().isEmpty()) {
            sql.append(", PRIMARY KEY (").append(names(t.primaryKey())).append(')');
        }
        for (List<String> unique : t.uniques()) {
            if (!unique.equals(t.primaryKey())) {
                sql.append(", UNIQUE (").append(names(unique)).append(')');
            }
        }
        execute(sql.append(')').toString());
    }

    private Object value(Object v, SqliteSchema.Kind kind) {
        if (v == null) {
            return null;
        }
        if (kind == SqliteSchema.Kind.BOOLEAN && v instanceof Number n) {
            return areas.booleanValue(n);
        }
        if (kind == SqliteSchema.Kind.TEXT || kind == SqliteSchema.Kind.DATE || kind == SqliteSchema.Kind.DATETIME) {
            return String.valueOf(v);
        }
        return v;
    }

    /** Deletes rows whose foreign key names no parent row, until none is left. */
    private void removeOrphans(String area) throws SQLException {
        for (int round = 0; round < 20; round++) {
            int removed = 0;
            for (SqliteSchema.Table t : schema.model().tables()) {
                for (SqliteSchema.ForeignKey fk : foreignKeys(t)) {
                    removed += orphans(area, t, fk);
                }
            }
            if (removed == 0) {
                return;
            }
        }
    }

    /** The table's foreign keys to tables of the same schema (the only ones an area can hold). */
    private List<SqliteSchema.ForeignKey> foreignKeys(SqliteSchema.Table t) {
        return t.foreignKeys().stream().filter(fk -> schema.model().table(fk.referencedTable()).isPresent()
                && fk.columns().size() == fk.referencedColumns().size()).toList();
    }

    private int orphans(String area, SqliteSchema.Table t, SqliteSchema.ForeignKey fk) throws SQLException {
        List<String> present = new ArrayList<>();
        List<String> match = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            present.add("c." + quote(fk.columns().get(i)) + " IS NOT NULL");
            match.add("p." + quote(fk.referencedColumns().get(i)) + " = c." + quote(fk.columns().get(i)));
        }
        String condition = String.join(" AND ", present) + " AND NOT EXISTS (SELECT 1 FROM (SELECT "
                + names(fk.referencedColumns()) + " FROM " + table(area, fk.referencedTable()) + ") p WHERE "
                + String.join(" AND ", match) + ")";
        String sql = areas.deleteAliased(table(area, t.name()), "c") + " WHERE " + condition;
        try (Statement s = admin.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private void grant(String area) throws SQLException {
        if (grantee == null) {
            return;
        }
        for (String grant : areas.grantRead(area, grantee)) {
            execute(grant);
        }
    }

    /** Who must read the areas: the reader role or account of the profile, quoted; null when it is the admin. */
    private String grantee(ConnectionProfile p) throws SQLException {
        return areas.grantee(p);
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(sql);
        }
    }

    private String table(String area, String name) {
        return quote(area) + "." + quote(name);
    }

    private String names(List<String> names) {
        return String.join(", ", names.stream().map(this::quote).toList());
    }

    String quote(String identifier) {
        return dialect.syntax().quote(identifier);
    }
}
