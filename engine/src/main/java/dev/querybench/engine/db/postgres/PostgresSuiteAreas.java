package dev.querybench.engine.db.postgres;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.SuiteAreas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test suite's areas on PostgreSQL: schemas of the profile's database. Stateless. */
final class PostgresSuiteAreas implements SuiteAreas {

    @Override
    public String areaNoun() {
        return "schemas";
    }

    @Override
    public String areaPlace() {
        return "schemas in its database";
    }

    @Override
    public boolean areasAreSchemas() {
        return true;
    }

    /** PostgreSQL casts text parameters to the column's type; the admin names schemas itself. */
    @Override
    public Map<String, String> adminOptions(Map<String, String> profileOptions) {
        Map<String, String> options = new LinkedHashMap<>(profileOptions);
        options.put("stringtype", "unspecified");
        options.remove("currentSchema");
        return options;
    }

    @Override
    public String currentArea(Connection connection, ConnectionUrl url) throws SQLException {
        String current = url.options().get("currentSchema");
        if (current != null && !current.isBlank()) {
            return current.split(",")[0].strip();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "public";
        }
    }

    @Override
    public List<String> enterArea(String area) {
        return List.of("SET search_path TO " + quote(area));
    }

    @Override
    public PreparedStatement columnTypes(Connection connection, String area, String table) throws SQLException {
        PreparedStatement s = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON"
                + " n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ? AND a.attnum > 0 AND NOT a.attisdropped");
        s.setString(1, area);
        s.setString(2, table);
        return s;
    }

    @Override
    public void createArea(Connection admin, String area) throws SQLException {
        execute(admin, "CREATE SCHEMA IF NOT EXISTS " + quote(area));
    }

    @Override
    public void dropTables(Connection admin, List<String> tables) throws SQLException {
        execute(admin, "DROP TABLE IF EXISTS " + String.join(", ", tables) + " CASCADE");
    }

    @Override
    public void dropArea(Connection admin, String area, String grantee) throws SQLException {
        execute(admin, "DROP SCHEMA IF EXISTS " + quote(area) + " CASCADE");
    }

    @Override
    public List<String> grantRead(String area, String grantee) {
        return List.of("GRANT USAGE ON SCHEMA " + quote(area) + " TO " + grantee,
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + quote(area) + " TO " + grantee);
    }

    @Override
    public String grantee(ConnectionProfile profile) {
        String role = profile.readerRole() != null ? profile.readerRole() : profile.username();
        return role == null ? null : quote(role);
    }

    @Override
    public String reloadableForeignKey() {
        // checked at the commit, after a reload deleted the rows whose parent is missing
        return " DEFERRABLE INITIALLY DEFERRED";
    }

    @Override
    public List<String> reloadStart() {
        return List.of();
    }

    @Override
    public List<String> reloadEnd() {
        return List.of();
    }

    @Override
    public Object booleanValue(Number value) {
        return value.longValue() != 0;
    }

    @Override
    public String deleteAliased(String table, String alias) {
        return "DELETE FROM " + table + " " + alias;
    }

    private static String quote(String identifier) {
        return PostgresEngine.DIALECT.syntax().quote(identifier);
    }

    private static void execute(Connection admin, String sql) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(sql);
        }
    }
}
