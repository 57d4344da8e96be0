package dev.querybench.engine.db;

import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The MySQL/MariaDB escape corpus against an account granted ALL PRIVILEGES on the database. */
class MysqlEscapeTest extends EscapeCorpusContract {

    private final Path outfile = Path.of("/tmp", "qb-escape-" + UUID.randomUUID() + ".txt");

    @Override
    protected TestDatabase createDatabase() {
        return MysqlTestDatabase.create(TestServers.fromEnvironment().require(MysqlEngine.DIALECT));
    }

    @Override
    protected List<String> escapes() {
        return List.of(
                "SET STATEMENT tx_read_only=0 FOR DELETE FROM t",
                "DROP TABLE t",
                "SET SESSION TRANSACTION READ WRITE",
                "SELECT * FROM t /*! INTO OUTFILE '" + outfile + "' */",
                "SELECT 1 /*!, (SELECT 1) */; DELETE FROM t",
                "SELECT 1; DELETE FROM t",
                "DELETE FROM t",
                "REPLACE INTO t (id, label) VALUES (1, 'x')",
                "INSERT INTO t (id) VALUES (9) ON DUPLICATE KEY UPDATE id = 10",
                "TRUNCATE TABLE t",
                "RENAME TABLE t TO u",
                "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE t",
                "HANDLER t OPEN",
                "SELECT * FROM t FOR UPDATE",
                "XA START 'x'",
                "SET autocommit = 1; DELETE FROM t");
    }

    @Override
    protected List<String> escapesTheDatabaseLayerStops() {
        return List.of(
                "SET STATEMENT tx_read_only=0 FOR DELETE FROM t",
                "DROP TABLE t",
                "SET SESSION TRANSACTION READ WRITE",
                "SELECT 1; DELETE FROM t",
                "COMMIT",
                "DELETE FROM t",
                "TRUNCATE TABLE t",
                "RENAME TABLE t TO u",
                "CREATE TABLE t_copy AS SELECT * FROM t");
    }

    @Override
    protected String neverEndingQuery() {
        return "SELECT COUNT(*) FROM numbers a, numbers b, numbers c, numbers d";
    }

    @Test
    void anExecutableCommentCannotWriteAFile() {
        String attack = "SELECT * FROM t /*! INTO OUTFILE '" + outfile + "' */";
        assertThatThrownBy(() -> safe.execute(attack, LIMITS)).hasMessageContaining("executable comment");
        // the database layer alone would run it; the account's missing FILE privilege stops it there
        assertThatThrownBy(() -> backend.executeReadOnly(attack, LIMITS)).isInstanceOf(QueryExecutionException.class);
        assertThat(outfile).doesNotExist();
    }
}
