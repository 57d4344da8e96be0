package dev.querybench.engine.db;

import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void serverUrlsAreTakenApartAndPutBackTogether() {
        ConnectionUrl pg = ConnectionUrl.parse("jdbc:postgresql://db.example.com:6543/shop?sslmode=require&a%20b=c%26d");
        assertThat(pg.dialect()).isEqualTo(PostgresEngine.DIALECT);
        assertThat(pg.host()).isEqualTo("db.example.com");
        assertThat(pg.portNumber()).contains(6543);
        assertThat(pg.database()).isEqualTo("shop");
        assertThat(pg.options()).containsEntry("sslmode", "require").containsEntry("a b", "c&d");
        assertThat(ConnectionUrl.parse(pg.toJdbcUrl())).isEqualTo(pg);

        ConnectionUrl trino = ConnectionUrl.parse("jdbc:trino://trino:8080/hive/sales");
        assertThat(trino.database()).isEqualTo("hive");
        assertThat(trino.schema()).isEqualTo("sales");
        assertThat(trino.toJdbcUrl()).isEqualTo("jdbc:trino://trino:8080/hive/sales");

        ConnectionUrl mysql = ConnectionUrl.parse("jdbc:mysql://reader:pw@127.0.0.1/shop");
        assertThat(mysql.portNumber()).contains(3306);
        assertThat(mysql.options()).containsEntry("user", "reader").containsEntry("password", "pw");
        assertThat(mysql.toString()).doesNotContain("pw").doesNotContain("reader");

        ConnectionUrl v6 = ConnectionUrl.parse("jdbc:postgresql://[::1]:5433/x");
        assertThat(v6.host()).isEqualTo("[::1]");
        assertThat(v6.portNumber()).contains(5433);
    }

    @Test
    void sqliteUrlsNameAFile() {
        ConnectionUrl file = ConnectionUrl.parse("jdbc:sqlite:/data/shop.db");
        assertThat(file.dialect()).isEqualTo(SqliteEngine.DIALECT);
        assertThat(file.database()).isEqualTo("/data/shop.db");
        assertThat(file.portNumber()).isEmpty();
        assertThat(ConnectionUrl.parse("jdbc:sqlite:file:/data/shop.db?open_mode=1").database())
                .isEqualTo("/data/shop.db");
        assertThat(ConnectionUrl.file(SqliteEngine.DIALECT, "/x.db").toJdbcUrl()).isEqualTo("jdbc:sqlite:/x.db");
    }

    @Test
    void fieldsBuildAUrlAndMalformedPortsAreKeptForTheValidator() {
        ConnectionUrl built = ConnectionUrl.server(MysqlEngine.DIALECT, "h", null, "d", null, Map.of("sslMode", "DISABLED"));
        assertThat(built.toJdbcUrl()).isEqualTo("jdbc:mysql://h/d?sslMode=DISABLED");
        assertThat(ConnectionUrl.parse("jdbc:mysql://h:abc/d").port()).isEqualTo("abc");
        assertThat(ConnectionUrl.parse("jdbc:mysql://h:abc/d").portNumber()).isEmpty();
        assertThat(ConnectionUrl.parse("jdbc:postgresql:shop").host()).isNull();
    }

    @Test
    void unusableUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ConnectionUrl.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ConnectionUrl.parse("mysql://h/d")).hasMessageContaining("jdbc:");
        assertThatThrownBy(() -> ConnectionUrl.parse("jdbc:db2://h/d")).hasMessageContaining("unknown scheme 'jdbc:db2'");
        assertThatThrownBy(() -> ConnectionUrl.parse("jdbc:postgres://h/d")).hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void dialectsAreFoundByTheNamesUsersWrite() {
        assertThat(Dialect.fromName("Postgres")).contains(PostgresEngine.DIALECT);
        assertThat(Dialect.fromName("mariadb")).contains(MysqlEngine.DIALECT);
        assertThat(Dialect.fromName("oracle")).isEmpty();
        assertThat(Dialect.fromName(null)).isEmpty();
        assertThat(Dialect.knownNames()).containsExactly("sqlite", "postgresql", "mysql", "trino");
        assertThat(SqliteEngine.DIALECT.isServer()).isFalse();
    }
}
