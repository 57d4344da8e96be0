package dev.querybench.engine.db.mysql;

import dev.querybench.engine.db.ServerVersions;
import dev.querybench.engine.db.WriteAccess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out, without writing anything, whether an account on MySQL/MariaDB can write, and writes the SQL
 * (or advice) that makes a read-only account instead. Stateless.
 */
final class MysqlWriteAccess {

    private static final String READER = "querybench_reader";
    private static final String PASSWORD_PLACEHOLDER = "choose-a-password";
    private static final Set<String> READ_PRIVILEGES = Set.of("SELECT", "USAGE", "SHOW VIEW", "SHOW DATABASES",
            "PROCESS", "REPLICATION CLIENT", "BINLOG MONITOR", "SLAVE MONITOR", "PROXY");
    private static final Pattern GRANT = Pattern.compile("(?i)^GRANT\\s+(.+?)\\s+ON\\s+(\\S+)\\s+TO\\b");

    private MysqlWriteAccess() {}

    static WriteAccess check(Connection c) throws SQLException {
        List<String> findings = new ArrayList<>();
        String database;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            database = rs.getString(1);
        }
        boolean canWrite = false;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                String grant = rs.getString(1);
                Matcher m = GRANT.matcher(grant);
                if (!m.find()) {
                    continue;
                }
                List<String> writes = new ArrayList<>();
                for (String privilege : m.group(1).split(",")) {
                    String p = privilege.strip().replaceAll("\\s*\\(.*\\)$", "").toUpperCase(Locale.ROOT);
                    if (!READ_PRIVILEGES.contains(p)) {
                        writes.add(p);
                    }
                }
                if (!writes.isEmpty() && appliesTo(m.group(2), database)) {
                    canWrite = true;
                    findings.add("granted " + String.join(", ", writes) + " on " + m.group(2));
                }
            }
        }
        if (!canWrite) {
            findings.add("the account can only read: its grants hold no privilege that changes data");
        }
        boolean mariaDb = ServerVersions.isMariaDb(c.getMetaData());
        String db = database == null ? "your_database" : database;
        List<String> lines = new ArrayList<>(List.of(
                "CREATE USER '" + READER + "'@'%' IDENTIFIED BY '" + PASSWORD_PLACEHOLDER + "';",
                "GRANT SELECT, SHOW VIEW ON `" + db.replace("`", "``") + "`.* TO '" + READER + "'@'%';"));
        if (mariaDb) {
            lines.add("ALTER USER '" + READER + "'@'%' WITH MAX_STATEMENT_TIME 60;");
        }
        return new WriteAccess(canWrite, findings, canWrite ? String.join("\n", lines) : "");
    }

    /** Whether a grant's target ({@code *.*}, {@code `db`.*}, {@code `db`.`t`}) covers the database. */
    private static boolean appliesTo(String target, String database) {
        String t = target.replace("`", "");
        return t.startsWith("*.") || database == null || t.toLowerCase(Locale.ROOT)
                .startsWith(database.toLowerCase(Locale.ROOT) + ".");
    }
}
