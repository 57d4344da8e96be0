package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.mysql.MysqlEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The refusals of a reader account's statements, worded once for PostgreSQL and MySQL/MariaDB: each
 * engine only recognises its server's error (SQLSTATE, vendor code, as the drivers report them)
 * and names its own fix for a missing right; the messages are exactly those the connection wizard
 * and {@code querybench db create-reader} showed before they shared the wording.
 */
class ReaderRefusalTest {

    private static final String WHO = "the account shop_owner";

    private final DatabaseEngine postgres = DatabaseBackends.engine(PostgresEngine.DIALECT);
    private final DatabaseEngine mysql = DatabaseBackends.engine(MysqlEngine.DIALECT);

    @Test
    void aMissingRightIsWordedTheSameWayWithEachEnginesFix() {
        SQLException pg = new SQLException("ERROR: permission denied to create role", "42501");
        SQLException my = new SQLException("Access denied; you need (at least one of) the CREATE USER privilege(s)"
                + " for this operation", "42000", 1227);

        assertThat(postgres.readerRefusal(pg)).hasValue(ReaderRefusal.NO_RIGHT);
        assertThat(mysql.readerRefusal(my)).hasValue(ReaderRefusal.NO_RIGHT);
        assertThat(postgres.explainReaderRefusal(pg, WHO, "shop_rd")).hasValue(ErrorResponse.of(
                ErrorCategory.PERMISSION, "the account shop_owner may not create accounts or grant reading (ERROR:"
                        + " permission denied to create role)", "connect as a role with CREATEROLE that owns the"
                        + " dataset's schema (or a superuser), or hand the SQL (Show SQL / --print-sql) to a DBA"));
        assertThat(mysql.explainReaderRefusal(my, WHO, "shop_rd")).hasValue(ErrorResponse.of(
                ErrorCategory.PERMISSION, "the account shop_owner may not create accounts or grant reading (Access"
                        + " denied; you need (at least one of) the CREATE USER privilege(s) for this operation)",
                "connect as an account with CREATE USER and GRANT OPTION on the database (such as root), or hand"
                        + " the SQL (Show SQL / --print-sql) to a DBA"));
        for (int code : new int[] {1044, 1142, 1410}) {
            assertThat(mysql.readerRefusal(new SQLException("denied", "42000", code))).hasValue(ReaderRefusal.NO_RIGHT);
        }
    }

    @Test
    void aTakenNameIsWordedTheSameWayOnBoth() {
        SQLException pg = new SQLException("ERROR: role \"shop_rd\" already exists", "42710");
        SQLException my = new SQLException("Operation CREATE USER failed for 'shop_rd'@'%'", "HY000", 1396);

        assertThat(postgres.explainReaderRefusal(pg, WHO, "shop_rd")).hasValue(ErrorResponse.of(
                ErrorCategory.INVALID_INPUT, "an account named shop_rd exists already (ERROR: role \"shop_rd\""
                        + " already exists)", "choose another name, or use that account in the profile"));
        assertThat(mysql.explainReaderRefusal(my, WHO, "shop_rd")).hasValue(ErrorResponse.of(
                ErrorCategory.INVALID_INPUT, "an account named shop_rd exists already (Operation CREATE USER failed"
                        + " for 'shop_rd'@'%')", "choose another name, or use that account in the profile"));
    }

    @Test
    void otherErrorsAndOtherEnginesAreLeftToTheGenericDatabaseError() {
        assertThat(postgres.explainReaderRefusal(new SQLException("password authentication failed", "28P01"), WHO,
                "rd")).isEmpty();
        assertThat(postgres.explainReaderRefusal(new SQLException("no state"), WHO, "rd")).isEmpty();
        assertThat(mysql.explainReaderRefusal(new SQLException("Access denied for user", "28000", 1045), WHO, "rd"))
                .isEmpty();
        SQLException denied = new SQLException("denied", "42501", 1227);
        assertThat(DatabaseBackends.engine(SqliteEngine.DIALECT).explainReaderRefusal(denied, WHO, "rd")).isEmpty();
        assertThat(DatabaseBackends.engine(TrinoEngine.DIALECT).explainReaderRefusal(denied, WHO, "rd")).isEmpty();
    }
}
