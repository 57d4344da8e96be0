package dev.querybench.engine.validation;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.WriteAccess;
import dev.querybench.engine.db.ServerVersions;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Redactor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pre-flight checks of a database connection, from the cheapest to the most telling:
 * {@link #validateConnectionString} (no network), {@link #testConnection} (reachability,
 * authentication, server version, latency; never waits longer than the connect timeout) and
 * {@link #validatePermissions} (can this account write, and if so, the SQL for a read-only one).
 * Failures are {@link ErrorResponse}s worded by {@link DatabaseErrors}. Thread-safe.
 */
public final class DatabaseValidator {


    private final Duration connectTimeout;

    /**
     * @param connectTimeout the longest any check waits for the server
     */
    public DatabaseValidator(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Says precisely what is wrong with a JDBC URL, without connecting. */
    public ConnectionStringCheck validateConnectionString(String url) {
        ConnectionUrl parsed;
        try {
            parsed = ConnectionUrl.parse(url);
        } catch (IllegalArgumentException e) {
            return new ConnectionStringCheck(String.valueOf(url), Optional.empty(), List.of(ErrorResponse.of(
                    ErrorCategory.INVALID_INPUT, e.getMessage(), "write a URL such as "
                            + "jdbc:postgresql://localhost:5432/shop, jdbc:mysql://localhost:3306/shop, "
                            + "jdbc:trino://localhost:8080/catalog/schema or jdbc:sqlite:/path/shop.db")));
        }
        List<ErrorResponse> problems = new ArrayList<>();
        Dialect dialect = parsed.dialect();
        if (!dialect.isServer()) {
            dialect.engine().fileProblem(parsed.database()).ifPresent(problems::add);
        } else {
            serverProblems(parsed, problems);
        }
        for (Map.Entry<String, String> option : parsed.options().entrySet()) {
            String key = option.getKey();
            if (key.equalsIgnoreCase("password")) {
                problems.add(problem("the URL holds a password",
                        "keep secrets out of URLs and files: give the password through the profile's {env: NAME}"));
            } else if (!DriverOptions.isKnown(dialect, key)) {
                String hint = DriverOptions.closest(dialect, key).map(k -> "did you mean " + k + "? ")
                        .orElse("");
                problems.add(problem("unknown option '" + key + "' for " + dialect.displayName(), hint
                        + "options " + dialect.displayName() + "'s driver knows include "
                        + String.join(", ", DriverOptions.sample(dialect)) + ", …"));
            } else if (key.equalsIgnoreCase("allowMultiQueries") && option.getValue().equalsIgnoreCase("true")
                    || key.equalsIgnoreCase("allowLoadLocalInfile") && option.getValue().equalsIgnoreCase("true")) {
                problems.add(problem(key + "=true weakens the read-only session", "remove " + key + " from the URL"));
            }
        }
        return new ConnectionStringCheck(parsed.toString(), Optional.of(parsed), problems);
    }

    private static void serverProblems(ConnectionUrl url, List<ErrorResponse> problems) {
        Dialect dialect = url.dialect();
        String example = "jdbc:" + dialect.jdbcSubprotocol() + "://HOST:" + dialect.defaultPort() + "/"
                + (dialect.schemaInUrl() ? "CATALOG/SCHEMA" : "DATABASE");
        if (url.host() == null) {
            problems.add(problem("the URL has no host", "write the server's host after //, as in " + example));
        }
        if (url.port() != null && !url.port().isEmpty() && url.portNumber().isEmpty()) {
            problems.add(problem("bad port '" + url.port() + "': a port is a number from 1 to 65535",
                    "use the server's port; " + dialect.displayName() + " usually listens on " + dialect.defaultPort()));
        }
        if (url.database() == null) {
            problems.add(problem(dialect.schemaInUrl() ? "the URL names no catalog" : "the URL names no database",
                    "add it after the port, as in " + example));
        } else if (dialect.schemaInUrl() && url.schema() == null) {
            problems.add(problem("the URL names no schema", "add it after the catalog, as in " + example));
        }
    }

    /** Connects and reports reachability, authentication, server version and latency; fails fast. */
    public ConnectionCheck testConnection(ConnectionProfile profile) {
        ConnectionUrl url = profile.url();
        DatabaseErrors errors = errorsFor(profile);
        if (!profile.dialect().isServer()) {
            Optional<ErrorResponse> problem = profile.dialect().engine().fileProblem(url.database());
            if (problem.isPresent()) {
                return new ConnectionCheck(String.valueOf(url.database()), false, false, Optional.empty(),
                        Duration.ZERO, problem);
            }
        }
        String target = target(url);
        Duration tcp = Duration.ZERO;
        if (profile.dialect().isServer()) {
            long start = System.nanoTime();
            Optional<ErrorResponse> unreachable = tcpProblem(url);
            tcp = Duration.ofNanos(System.nanoTime() - start);
            if (unreachable.isPresent()) {
                return new ConnectionCheck(target, false, false, Optional.empty(), tcp, unreachable);
            }
        }
        try {
            Probe probe = withDeadline(profile, connection -> {
                String version = ServerVersions.describe(connection.getMetaData(), profile.dialect());
                long start = System.nanoTime();
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
                return new Probe(version, Duration.ofNanos(System.nanoTime() - start));
            });
            return new ConnectionCheck(target, true, true, Optional.of(probe.version()), probe.latency(),
                    Optional.empty());
        } catch (Failure f) {
            ErrorResponse error = isSilent(f, errors, profile.dialect()) ? silentServer(target, profile.dialect())
                    : errors.describe(f.getCause(), profile.dialect());
            boolean authenticated = !f.timeout() && f.connected();
            return new ConnectionCheck(target, true, authenticated, Optional.empty(), tcp, Optional.of(error));
        }
    }

    /** Says whether the account can write and, when it can, how to make one that cannot. */
    public PermissionCheck validatePermissions(ConnectionProfile profile) {
        if (!profile.dialect().isServer()) {
            WriteAccess access = profile.dialect().engine().fileWriteAccess(Path.of(String.valueOf(
                    profile.url().database())));
            return new PermissionCheck(access.canWrite(), access.findings(), access.readOnlySetup(), Optional.empty());
        }
        try {
            WriteAccess access = withDeadline(profile,
                    connection -> profile.dialect().engine().writeAccess(connection, profile.username()));
            return new PermissionCheck(access.canWrite(), access.findings(), access.readOnlySetup(), Optional.empty());
        } catch (Failure f) {
            DatabaseErrors errors = errorsFor(profile);
            ErrorResponse error = isSilent(f, errors, profile.dialect())
                    ? silentServer(target(profile.url()), profile.dialect())
                    : errors.describe(f.getCause(), profile.dialect());
            return new PermissionCheck(false, List.of(), "", Optional.of(error));
        }
    }

    private Optional<ErrorResponse> tcpProblem(ConnectionUrl url) {
        if (url.host() == null || url.portNumber().isEmpty()) {
            return Optional.of(problem("the URL has no usable host and port", "check it with validateConnectionString"));
        }
        String where = url.host() + ":" + url.portNumber().get();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.host(), url.portNumber().get()), (int) connectTimeout.toMillis());
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(ErrorResponse.of(ErrorCategory.NETWORK, "unknown host " + url.host(),
                    "check the host name, or use an IP address"));
        } catch (SocketTimeoutException e) {
            return Optional.of(ErrorResponse.of(ErrorCategory.NETWORK, "no answer from " + where + " within "
                    + connectTimeout.toMillis() + " ms", "check host, port, VPN and firewall; the packets may be dropped"));
        } catch (IOException e) {
            return Optional.of(ErrorResponse.of(ErrorCategory.NETWORK, "cannot connect to " + where + ": "
                    + e.getMessage(), "check that the " + url.dialect().displayName() + " server runs and listens on"
                    + " that port"));
        }
    }

    /**
     * The port took the connection (checked first), so a driver timing out or losing the
     * connection means whatever listens there does not speak the protocol.
     */
    private static boolean isSilent(Failure f, DatabaseErrors errors, Dialect dialect) {
        if (f.timeout()) {
            return true;
        }
        if (f.connected() || f.getCause() == null || !dialect.isServer()) {
            return false;
        }
        DatabaseErrors.Kind kind = errors.kindOf(f.getCause(), dialect);
        return kind == DatabaseErrors.Kind.UNREACHABLE || kind == DatabaseErrors.Kind.TIMEOUT;
    }

    private ErrorResponse silentServer(String target, Dialect dialect) {
        return ErrorResponse.of(ErrorCategory.TIMEOUT, target + " accepted the connection but did not answer as a "
                + dialect.displayName() + " server within " + connectTimeout.toMillis() + " ms",
                "check that the port belongs to " + dialect.displayName() + " and that TLS settings match the server");
    }

    /** Runs work on a fresh connection and gives up at the connect timeout, whatever the driver does. */
    private <T> T withDeadline(ConnectionProfile profile, Work<T> work) throws Failure {
        AtomicBoolean connected = new AtomicBoolean();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<T> future = executor.submit(() -> {
                try (Connection connection = connect(profile)) {
                    connected.set(true);
                    return work.apply(connection);
                }
            });
            try {
                return future.get(connectTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new Failure(null, true, connected.get());
            } catch (ExecutionException e) {
                throw new Failure(e.getCause(), false, connected.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(e, false, connected.get());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private Connection connect(ConnectionProfile profile) throws SQLException {
        ConnectionUrl url = profile.url();
        Map<String, String> options = new LinkedHashMap<>(url.options());
        DatabaseBackends.engine(profile.dialect()).checkOptions(options, connectTimeout);
        Properties properties = new Properties();
        if (profile.username() != null) {
            properties.setProperty("user", profile.username());
        }
        if (profile.password() != null) {
            properties.setProperty("password", profile.password());
        }
        Connection connection = DriverManager.getConnection(url.withOptions(options).toJdbcUrl(), properties);
        Optional<String> tableCount = profile.dialect().engine().tableCountQuery();
        if (tableCount.isPresent()) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(tableCount.get())) {
                rs.next();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private static DatabaseErrors errorsFor(ConnectionProfile profile) {
        return new DatabaseErrors(new Redactor(profile.password() == null ? List.of() : List.of(profile.password())));
    }

    private static String target(ConnectionUrl url) {
        if (!url.dialect().isServer()) {
            return String.valueOf(url.database());
        }
        return url.host() + ":" + url.portNumber().map(String::valueOf).orElse(String.valueOf(url.port()))
                + (url.database() == null ? "" : "/" + url.database()) + (url.schema() == null ? "" : "/" + url.schema());
    }

    private static ErrorResponse problem(String message, String remedy) {
        return ErrorResponse.of(ErrorCategory.INVALID_INPUT, message, remedy);
    }

    private record Probe(String version, Duration latency) {}

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws Exception;
    }

    /** A check that did not finish: the driver's error, or the deadline. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timeout;
        private final boolean connected;

        Failure(Throwable cause, boolean timeout, boolean connected) {
            super(cause);
            this.timeout = timeout;
            this.connected = connected;
        }

        boolean timeout() {
            return timeout;
        }

        boolean connected() {
            return connected;
        }
    }
}
