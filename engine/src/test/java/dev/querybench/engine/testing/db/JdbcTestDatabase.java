package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.ConnectionProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Shared JDBC plumbing of the server test databases. */
abstract class JdbcTestDatabase implements TestDatabase {

    static String uniqueName() {
        return "qb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    static Connection connect(ConnectionProfile profile) throws SQLException {
        return connect(profile.jdbcUrl(), profile.username(), profile.password());
    }

    static void run(Connection connection, String... statements) {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: " + e.getMessage(), e);
        }
    }

    static List<List<Object>> rows(Connection connection, String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(Arrays.asList(row));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Connection openWritable() throws SQLException {
        return connect(writable());
    }

    @Override
    public void execute(String... statements) {
        try (Connection c = openWritable()) {
            run(c, statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<List<Object>> query(String sql) {
        try (Connection c = openWritable()) {
            return rows(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
