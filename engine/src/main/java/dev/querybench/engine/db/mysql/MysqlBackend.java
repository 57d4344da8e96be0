package dev.querybench.engine.db.mysql;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.internal.JdbcQueryRunner;
import dev.querybench.engine.db.internal.PooledJdbcBackend;
import dev.querybench.engine.db.internal.ProfileConfig;
import dev.querybench.engine.db.ServerVersions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB through MySQL Connector/J. Each query runs inside {@code START TRANSACTION
 * READ ONLY} and is rolled back; stacked statements are refused by the server because
 * {@code allowMultiQueries} stays off, and {@code LOCAL INFILE} is off. The engine-side limit is
 * {@code max_statement_time} on MariaDB and {@code max_execution_time} on MySQL, next to the
 * watchdog's cancel ({@code KILL QUERY}). Rows stream one by one and {@code setMaxRows} becomes
 * the server's {@code SQL_SELECT_LIMIT}, so a huge result is never buffered. Thread-safe.
 *
 * <p>A DDL statement commits implicitly even inside a read-only transaction, so with a writable
 * account this layer alone does not stop {@code DROP TABLE}, and FILE or SUPER let a query read and
 * write server files or act on other sessions: so the account is reviewed once
 * ({@code SHOW GRANTS}), and one holding any privilege but USAGE, SELECT and SHOW VIEW is privileged
 * and refused for untrusted SQL unless the profile allows it.
 */
public final class MysqlBackend extends PooledJdbcBackend {

    public MysqlBackend(ConnectionProfile profile) {
        this(profile, new DatabaseErrors());
    }

    /** Privileges a reader account may hold: nothing that writes, reads files, or sees other sessions. */
    /** The time limit each physical connection's session last got; forgotten with the connection. */
    private final Map<Connection, Long> sessionTimeouts = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Set<String> READER_PRIVILEGES = Set.of("USAGE", "SELECT", "SHOW VIEW");
    private static final Pattern GRANT = Pattern.compile("(?is)^GRANT\\s+(.+?)\\s+ON\\s+(\\S+)\\s+TO\\b.*?(WITH\\s+.*GRANT"
            + "\\s+OPTION)?\\s*$");

    public MysqlBackend(ConnectionProfile profile, DatabaseErrors errors) {
        super(MysqlEngine.DIALECT, "MySQL", ProfileConfig.target(profile), config(profile), errors,
                profile.allowPrivilegedAccount());
    }

    private static HikariConfig config(ConnectionProfile profile) {
        ProfileConfig.requireDialect(profile, MysqlEngine.DIALECT);
        ProfileConfig.refuseOption(profile, "allowMultiQueries", "true",
                "which would let one query text run several statements");
        ProfileConfig.refuseOption(profile, "allowLoadLocalInfile", "true", "which lets the server read local files");
        HikariConfig config = ProfileConfig.hikari(profile, Map.of(
                "connectTimeout", String.valueOf(profile.pool().connectTimeout().toMillis()),
                "tcpKeepAlive", "true",
                "useCursorFetch", "false"), Map.of(
                "allowMultiQueries", "false",
                "allowLoadLocalInfile", "false",
                "allowUrlInLocalInfile", "false"));
        config.setAutoCommit(true);
        config.setReadOnly(true);
        return config;
    }

    @Override
    protected void beginReadOnly(Connection connection, QueryLimits limits) throws SQLException {
        // The session's time limit is set only when it differs from what this pooled connection last
        // got, saving a round trip per query: nothing else changes it, since a connection that ran
        // anything but a query is evicted, and the watchdog's KILL QUERY bounds the query regardless.
        Connection physical = connection.unwrap(Connection.class);
        long millis = limits.timeout().toMillis();
        try (Statement s = connection.createStatement()) {
            if (!Long.valueOf(millis).equals(sessionTimeouts.get(physical))) {
                s.execute(isMariaDb(connection)
                        ? String.format(Locale.ROOT, "SET SESSION max_statement_time = %.3f", millis / 1000.0)
                        : "SET SESSION max_execution_time = " + millis);
                sessionTimeouts.put(physical, millis);
            }
            s.execute("START TRANSACTION READ ONLY");
        }
    }

    @Override
    protected Review reviewAccount(Connection connection) throws SQLException {
        String account;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            account = rs.getString(1);
        }
        List<String> excess = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                String grant = rs.getString(1);
                Matcher m = GRANT.matcher(grant);
                if (!m.find()) {
                    // a role granted to the account (GRANT `role` TO …) or a form not known here: its
                    // privileges are not listed, so it counts as more than reading
                    String head = grant.split("\\s+TO\\s+", 2)[0];
                    excess.add("granted " + head.replaceFirst("(?i)^GRANT\\s+", "") + " (a role or grant not reviewed)");
                    continue;
                }
                List<String> beyond = new ArrayList<>();
                for (String privilege : m.group(1).split(",")) {
                    String p = privilege.strip().replaceAll("\\s*\\(.*\\)$", "").toUpperCase(Locale.ROOT);
                    if (!READER_PRIVILEGES.contains(p)) {
                        beyond.add(p);
                    }
                }
                if (m.group(3) != null) {
                    beyond.add("GRANT OPTION");
                }
                if (!beyond.isEmpty()) {
                    excess.add("granted " + String.join(", ", beyond) + " on " + m.group(2));
                }
            }
        }
        return new Review(account, excess);
    }

    @Override
    protected List<String> protections() {
        return List.of("each query runs in START TRANSACTION READ ONLY, rolled back afterwards",
                "max_statement_time (MariaDB) or max_execution_time (MySQL) is set per query, and the query is"
                        + " killed on the server at the deadline (KILL QUERY)",
                "multi-statement text is refused by the driver (allowMultiQueries off); LOCAL INFILE is off",
                "rows stream one by one; setMaxRows becomes the server's SQL_SELECT_LIMIT",
                "the account is checked with SHOW GRANTS: only USAGE, SELECT and SHOW VIEW count as reading");
    }

    @Override
    protected void finishReadOnly(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        }
    }

    @Override
    protected int fetchSize(QueryLimits limits) {
        return JdbcQueryRunner.STREAM_ROW_BY_ROW;
    }

    @Override
    protected String schema(Connection connection) {
        return null;
    }

    @Override
    protected String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String serverVersion() {
        return withConnection(c -> ServerVersions.describe(c.getMetaData(), MysqlEngine.DIALECT));
    }

    private static boolean isMariaDb(Connection connection) throws SQLException {
        return ServerVersions.isMariaDb(connection.getMetaData());
    }
}
