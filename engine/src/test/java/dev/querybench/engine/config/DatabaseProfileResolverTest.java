package dev.querybench.engine.config;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.db.ConnectionProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseProfileResolverTest {

    private final Path root = Path.of("/ws");
    private final DatabaseProfileResolver resolver = new DatabaseProfileResolver(
            new SecretResolver(Map.of("DB_PW", "s3cret")));

    private static DatabaseConfig fields(String type, String host, Integer port, String database, String schema) {
        return new DatabaseConfig("p", type, null, null, null, host, port, database, schema, "reader",
                SecretRef.env("DB_PW"), Map.of("sslmode", "require"), null, null);
    }

    @Test
    void fieldsBecomeAUrlAndThePasswordComesFromTheEnvironment() {
        ConnectionProfile pg = resolver.resolve(fields("postgres", "db", null, "shop", "sales"), root, 5);
        assertThat(pg.dialect()).isEqualTo(PostgresEngine.DIALECT);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db/shop?sslmode=require&currentSchema=sales");
        assertThat(pg.username()).isEqualTo("reader");
        assertThat(pg.password()).isEqualTo("s3cret");
        assertThat(pg.pool().maximumSize()).isEqualTo(5);
        assertThat(pg.toString()).doesNotContain("s3cret");

        ConnectionProfile trino = resolver.resolve(fields("trino", "t", 8080, "memory", "shop"), root, 1);
        assertThat(trino.jdbcUrl()).startsWith("jdbc:trino://t:8080/memory/shop?");
        assertThat(trino.pool().maximumSize()).isEqualTo(2);
    }

    @Test
    void aUrlMayStandAloneAndSqlitePathsAreRelativeToTheWorkspace() {
        DatabaseConfig url = new DatabaseConfig("u", null, null, null, "jdbc:mysql://127.0.0.1:3306/shop?user=r", null,
                null);
        ConnectionProfile mysql = resolver.resolve(url, root, 3);
        assertThat(mysql.dialect()).isEqualTo(MysqlEngine.DIALECT);
        assertThat(mysql.username()).isEqualTo("r");
        assertThat(mysql.jdbcUrl()).doesNotContain("user=");

        ConnectionProfile sqlite = resolver.resolve(new DatabaseConfig("s", "sqlite", "data/x.db", List.of(), null, null,
                null), root, 3);
        assertThat(sqlite.jdbcUrl()).isEqualTo("jdbc:sqlite:/ws/data/x.db");
        ConnectionProfile sqliteUrl = resolver.resolve(new DatabaseConfig("s", null, null, null, "jdbc:sqlite:y.db",
                null, null), root, 3);
        assertThat(sqliteUrl.jdbcUrl()).isEqualTo("jdbc:sqlite:/ws/y.db");
    }

    @Test
    void everyMissingOrWrongFieldIsNamed() {
        assertThatThrownBy(() -> resolver.resolve(fields("oracle", "h", 1, "d", null), root, 1))
                .hasMessageContaining("'oracle' is not supported");
        assertThatThrownBy(() -> resolver.resolve(fields(null, "h", 1, "d", null), root, 1))
                .hasMessageContaining("no 'type' and no 'url'");
        assertThatThrownBy(() -> resolver.resolve(fields("mysql", null, 1, "d", null), root, 1))
                .hasMessageContaining("no 'host'");
        assertThatThrownBy(() -> resolver.resolve(fields("mysql", "h", 99_999, "d", null), root, 1))
                .hasMessageContaining("port 99999");
        assertThatThrownBy(() -> resolver.resolve(fields("mysql", "h", 1, null, null), root, 1))
                .hasMessageContaining("no 'database'");
        assertThatThrownBy(() -> resolver.resolve(fields("trino", "h", 1, "memory", null), root, 1))
                .hasMessageContaining("no 'schema'");
        assertThatThrownBy(() -> resolver.resolve(new DatabaseConfig("s", "sqlite", null, null, null, null, null), root,
                1)).hasMessageContaining("has no 'path'");
        assertThatThrownBy(() -> resolver.resolve(new DatabaseConfig("x", "postgresql", null, null,
                "jdbc:mysql://h/d", null, null), root, 1)).hasMessageContaining("does not match the URL");
        assertThatThrownBy(() -> resolver.resolve(new DatabaseConfig("x", null, null, null, "jdbc:mysql://h/d?password=pw",
                null, null), root, 1)).hasMessageContaining("the URL holds a password");
        assertThatThrownBy(() -> resolver.resolve(new DatabaseConfig("x", null, null, null, "jdbc:db2://h/d", null, null),
                root, 1)).hasMessageContaining("unknown scheme");
        assertThatThrownBy(() -> new DatabaseProfileResolver(SecretResolver.none()).resolve(
                fields("mysql", "h", 1, "d", null), root, 1)).hasMessageContaining("DB_PW, which is not set");
        assertThatThrownBy(() -> resolver.resolve(new DatabaseConfig("p", "mysql", null, null, null, "h", null, "d", null,
                null, null, null, 0, null), root, 1)).hasMessageContaining("at least 1");
    }
}
