package dev.querybench.engine.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database profile in {@code querybench.yaml}: either by fields or by a JDBC URL.
 *
 * <pre>
 * database: {name: shop, type: postgresql, host: db.example.com, port: 5432, database: shop,
 *            username: reader, password: {env: SHOP_DB_PASSWORD}}
 * database: {name: shop, url: "jdbc:mysql://127.0.0.1:3306/shop", username: reader, password: {env: PW}}
 * database: {name: lake, type: trino, host: trino.local, port: 8080, database: hive, schema: sales, username: me}
 * database: {name: local, type: sqlite, path: .querybench/shop.db, init: [db/schema.sql, db/data.sql]}
 * database: {name: shop, type: sqlite, path: shop.db, instances: [shop_variant, data/shop-2.sqlite]}
 * </pre>
 *
 * @param name profile name shown to users and used by {@code --db}
 * @param type {@code sqlite}, {@code postgresql}, {@code mysql} (also MariaDB) or {@code trino};
 *     may be left out when {@code url} is given
 * @param path SQLite file, relative to the workspace folder
 * @param init SQL scripts (relative to the workspace) that build the SQLite file when it is missing
 * @param url a JDBC URL, as an alternative to the fields below; never with a password in it
 * @param host server host
 * @param port server port, or null for the engine's default
 * @param database database name (Trino: the catalog)
 * @param schema schema (Trino: required; PostgreSQL: optional, the search path's first schema)
 * @param username account name for server databases
 * @param password secret reference for the account's password
 * @param options extra driver options (such as {@code sslmode: require})
 * @param poolSize most connections at once, or null for the run's concurrency + 1
 * @param connectTimeoutSeconds how long connecting may take, or null for 10 s
 * @param instances further instances of this database for test-suite matching (the same schema
 *     with different data): other profile names, or SQLite files relative to the workspace; a
 *     prediction passes only when it matches on this database and on every instance
 * @param readerRole PostgreSQL: the role untrusted SQL runs as ({@code SET ROLE} on each pooled connection), such as one
 *     made by {@code querybench db reader}
 * @param allowPrivilegedAccount true to let untrusted SQL run under an account with more than read
 *     privileges; runs and reports then say so
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DatabaseConfig(
        String name, String type, String path, List<String> init, String url, String host, Integer port,
        String database, String schema, String username, SecretRef password, Map<String, String> options,
        Integer poolSize, Integer connectTimeoutSeconds, List<String> instances, String readerRole,
        Boolean allowPrivilegedAccount) {

    public DatabaseConfig {
        init = init == null ? List.of() : List.copyOf(init);
        instances = instances == null ? List.of() : List.copyOf(instances);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A profile without the safe-execution account settings. */
    public DatabaseConfig(String name, String type, String path, List<String> init, String url, String host,
            Integer port, String database, String schema, String username, SecretRef password,
            Map<String, String> options, Integer poolSize, Integer connectTimeoutSeconds, List<String> instances) {
        this(name, type, path, init, url, host, port, database, schema, username, password, options, poolSize,
                connectTimeoutSeconds, instances, null, null);
    }

    /** A profile without test-suite instances. */
    public DatabaseConfig(String name, String type, String path, List<String> init, String url, String host,
            Integer port, String database, String schema, String username, SecretRef password,
            Map<String, String> options, Integer poolSize, Integer connectTimeoutSeconds) {
        this(name, type, path, init, url, host, port, database, schema, username, password, options, poolSize,
                connectTimeoutSeconds, List.of());
    }

    /** The fields the first version had: SQLite by path, or a server by URL. */
    public DatabaseConfig(String name, String type, String path, List<String> init, String url, String username,
            SecretRef password) {
        this(name, type, path, init, url, null, null, null, null, username, password, null, null, null, List.of());
    }

    /** The profile's name, or {@code database} when it has none. */
    @JsonIgnore
    public String nameOrDefault() {
        return name == null || name.isBlank() ? "database" : name;
    }
}
