package dev.querybench.engine.db.mysql;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.SuiteAreas;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** A test suite's areas on MySQL/MariaDB: databases of their own, in the profile's character set. Stateless. */
final class MysqlSuiteAreas implements SuiteAreas {

    @Override
    public String areaNoun() {
        return "databases";
    }

    @Override
    public String areaPlace() {
        return "databases";
    }

    @Override
    public boolean areasAreSchemas() {
        return false;
    }

    @Override
    public Map<String, String> adminOptions(Map<String, String> profileOptions) {
        return profileOptions;
    }

    @Override
    public String currentArea(Connection connection, ConnectionUrl url) throws SQLException {
        return connection.getCatalog();
    }

    @Override
    public List<String> enterArea(String area) {
        return List.of();
    }

    @Override
    public PreparedStatement columnTypes(Connection connection, String area, String table) throws SQLException {
        PreparedStatement s = connection.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?");
        s.setString(1, table);
        return s;
    }

    @Override
    public void createArea(Connection admin, String area) throws SQLException {
        String charset = "";
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT"
                + " DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = DATABASE()")) {
            if (rs.next() && rs.getString(1).matches("[A-Za-z0-9_]+") && rs.getString(2).matches("[A-Za-z0-9_]+")) {
                charset = " CHARACTER SET " + rs.getString(1) + " COLLATE " + rs.getString(2);
            }
        }
        execute(admin, "CREATE DATABASE IF NOT EXISTS " + quote(area) + charset);
    }

    @Override
    public void dropTables(Connection admin, List<String> tables) throws SQLException {
        execute(admin, "SET FOREIGN_KEY_CHECKS = 0");
        try {
            execute(admin, "DROP TABLE IF EXISTS " + String.join(", ", tables));
        } finally {
            execute(admin, "SET FOREIGN_KEY_CHECKS = 1");
        }
    }

    @Override
    public void dropArea(Connection admin, String area, String grantee) throws SQLException {
        if (grantee != null) {
            try {
                execute(admin, "REVOKE SELECT ON " + quote(area) + ".* FROM " + grantee);
            } catch (SQLException none) {
                // nothing was granted on it (it never existed)
            }
        }
        execute(admin, "DROP DATABASE IF EXISTS " + quote(area));
    }

    @Override
    public List<String> grantRead(String area, String grantee) {
        return List.of("GRANT SELECT ON " + quote(area) + ".* TO " + grantee);
    }

    /** The account as the server names it ({@code 'user'@'host'}), asked as the profile's account. */
    @Override
    public String grantee(ConnectionProfile p) throws SQLException {
        try (Connection reader = DriverManager.getConnection(p.url().toJdbcUrl(), p.username(), p.password());
                Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            if (!rs.next()) {
                return null;
            }
            String account = rs.getString(1);
            int at = account.lastIndexOf('@');
            return at < 0 ? literal(account) : literal(account.substring(0, at)) + "@" + literal(account.substring(at + 1));
        }
    }

    @Override
    public Object booleanValue(Number value) {
        return value;
    }

    @Override
    public String reloadableForeignKey() {
        return "";
    }

    @Override
    public List<String> reloadStart() {
        return List.of("SET FOREIGN_KEY_CHECKS = 0");
    }

    @Override
    public List<String> reloadEnd() {
        return List.of("SET FOREIGN_KEY_CHECKS = 1");
    }

    @Override
    public String deleteAliased(String table, String alias) {
        return "DELETE " + alias + " FROM " + table + " " + alias;
    }

    private static String quote(String identifier) {
        return MysqlEngine.DIALECT.syntax().quote(identifier);
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static void execute(Connection admin, String sql) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(sql);
        }
    }
}
