package dev.querybench.engine.db;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A JDBC URL taken apart: which engine, where, which database, which driver options. Parsing is
 * lenient about what is missing (a missing host is {@code null}), so a validator can say
 * precisely what is wrong; it refuses only what is not a URL QueryBench can use at all. Immutable.
 *
 * <p>Forms: {@code jdbc:sqlite:PATH}, {@code jdbc:postgresql://HOST[:PORT]/DATABASE},
 * {@code jdbc:mysql://HOST[:PORT]/DATABASE}, {@code jdbc:trino://HOST[:PORT]/CATALOG/SCHEMA},
 * each optionally followed by {@code ?option=value&…}.
 *
 * @param dialect the engine the scheme names
 * @param host host name or address, or null when missing
 * @param port the port as written (may be malformed), or null when missing
 * @param database database name (Trino: catalog; SQLite: file path), or null when missing
 * @param schema schema (Trino only), or null
 * @param options driver options in the order written; unmodifiable
 */
public record ConnectionUrl(
        Dialect dialect, String host, String port, String database, String schema, Map<String, String> options) {

    public ConnectionUrl {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
    }

    /** A server URL from fields. */
    public static ConnectionUrl server(Dialect dialect, String host, Integer port, String database, String schema,
            Map<String, String> options) {
        return new ConnectionUrl(dialect, host, port == null ? null : String.valueOf(port), database, schema, options);
    }

    /** The URL of a file for a file engine (SQLite). */
    public static ConnectionUrl file(Dialect dialect, String path) {
        return new ConnectionUrl(dialect, null, null, path, null, Map.of());
    }

    /**
     * Takes a JDBC URL apart.
     *
     * @throws IllegalArgumentException when it is not a JDBC URL or names an engine QueryBench does not support
     */
    public static ConnectionUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the connection URL is empty");
        }
        String text = url.strip();
        if (!text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a JDBC URL: it must start with jdbc:"
                    + " (for example jdbc:postgresql://localhost:5432/shop)");
        }
        int colon = text.indexOf(':', 5);
        String scheme = (colon < 0 ? text.substring(5) : text.substring(5, colon)).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        Dialect dialect = dialectOf(scheme);
        int question = rest.indexOf('?');
        String query = question < 0 ? "" : rest.substring(question + 1);
        String body = question < 0 ? rest : rest.substring(0, question);
        Map<String, String> options = parseOptions(query);
        if (!dialect.isServer()) {
            String path = body.startsWith("file:") ? body.substring(5) : body;
            return new ConnectionUrl(dialect, null, null, path.isBlank() ? null : path, null, options);
        }
        if (!body.startsWith("//")) {
            // jdbc:postgresql:shop is valid for pgjdbc (localhost), but QueryBench wants the host written out
            return new ConnectionUrl(dialect, null, null, blankToNull(body.replaceFirst("^/+", "")), null, options);
        }
        return server(dialect, body.substring(2), options);
    }

    private static Dialect dialectOf(String scheme) {
        for (DatabaseEngine engine : DatabaseBackends.all()) {
            if (engine.dialect().jdbcSubprotocol().equals(scheme)) {
                return engine.dialect();
            }
        }
        String hint = DatabaseBackends.all().stream().flatMap(e -> e.wrongSchemeHint(scheme).stream()).findFirst()
                .orElseGet(() -> {
                    List<String> schemes = DatabaseBackends.all().stream().map(e -> "jdbc:"
                            + e.dialect().jdbcSubprotocol() + (e.dialect().isServer() ? "://" : ":")).toList();
                    return "QueryBench supports " + (schemes.size() == 1 ? schemes.getFirst() : String.join(", ",
                            schemes.subList(0, schemes.size() - 1)) + " and " + schemes.getLast());
                });
        throw new IllegalArgumentException("unknown scheme 'jdbc:" + scheme + "': " + hint);
    }

    /** A server URL's {@code [user[:password]@]host[:port][/database[/schema]]}; user and password become options. */
    private static ConnectionUrl server(Dialect dialect, String afterSlashes, Map<String, String> options) {
        int slash = afterSlashes.indexOf('/');
        String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
        String path = slash < 0 ? "" : afterSlashes.substring(slash + 1);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int split = userInfo.indexOf(':');
            options.putIfAbsent("user", decode(split < 0 ? userInfo : userInfo.substring(0, split)));
            if (split >= 0) {
                options.putIfAbsent("password", decode(userInfo.substring(split + 1)));
            }
        }
        String[] hostPort = hostAndPort(authority);
        String database;
        String schema = null;
        if (dialect.schemaInUrl()) {
            String[] parts = path.split("/", -1);
            database = parts.length > 0 ? blankToNull(parts[0]) : null;
            schema = parts.length > 1 ? blankToNull(parts[1]) : null;
        } else {
            database = blankToNull(path);
        }
        return new ConnectionUrl(dialect, blankToNull(hostPort[0]), hostPort[1], database, schema, options);
    }

    /** Host (an IPv6 address keeps its brackets) and port, or null for a port not written. */
    private static String[] hostAndPort(String authority) {
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? authority : authority.substring(0, close + 1);
            if (close >= 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
                port = authority.substring(close + 2);
            }
        } else {
            int portColon = authority.lastIndexOf(':');
            host = portColon < 0 ? authority : authority.substring(0, portColon);
            port = portColon < 0 ? null : authority.substring(portColon + 1);
        }
        return new String[] {host, port};
    }

    /** The port as a number: the one written, or the dialect's default; empty when it is malformed. */
    public Optional<Integer> portNumber() {
        if (port == null || port.isEmpty()) {
            return dialect.isServer() ? Optional.of(dialect.defaultPort()) : Optional.empty();
        }
        try {
            int p = Integer.parseInt(port);
            return p >= 1 && p <= 65_535 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The same URL with other driver options. */
    public ConnectionUrl withOptions(Map<String, String> newOptions) {
        return new ConnectionUrl(dialect, host, port, database, schema, newOptions);
    }

    /** The same URL without the credentials some drivers accept in it. */
    public ConnectionUrl withoutCredentials() {
        Map<String, String> rest = new LinkedHashMap<>(options);
        rest.remove("user");
        rest.remove("password");
        return withOptions(rest);
    }

    /** The URL as a JDBC driver reads it. */
    public String toJdbcUrl() {
        StringBuilder out = new StringBuilder("jdbc:").append(dialect.jdbcSubprotocol()).append(':');
        if (!dialect.isServer()) {
            out.append(database == null ? "" : database);
        } else {
            out.append("//").append(host == null ? "" : host);
            if (port != null && !port.isEmpty()) {
                out.append(':').append(port);
            }
            if (database != null) {
                out.append('/').append(database);
                if (schema != null) {
                    out.append('/').append(schema);
                }
            }
        }
        if (!options.isEmpty()) {
            out.append('?').append(options.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&")));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return withoutCredentials().toJdbcUrl();
    }

    private static Map<String, String> parseOptions(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("[&;]")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            options.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return options;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Escapes only what would break the URL's structure, so drivers see values as written. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '%', '&', '=', '#', '?', ' ', '+' -> out.append(URLEncoder.encode(String.valueOf(c),
                        StandardCharsets.UTF_8).replace("+", "%20"));
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
