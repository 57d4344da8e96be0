package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementGuardTest {

    private final StatementGuard guard = new StatementGuard();

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "select a, count(*) from t group by a having count(*) > 1 order by 2 desc limit 3",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x",
        "SELECT a FROM t UNION SELECT b FROM u",
        "SELECT 'DELETE FROM t; DROP TABLE t' AS text_only",
        "SELECT update_time, deleted_flag FROM t;",
        "SELECT * FROM (SELECT a FROM t) s",
    })
    void acceptsReadOnlyQueries(String sql) {
        assertThat(guard.check(sql)).doesNotEndWith(";");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT 1; DELETE FROM t                                      | statement",
        "DELETE FROM t                                                | data-changing",
        "UPDATE t SET a = 1                                           | data-changing",
        "DROP TABLE t                                                 | only SELECT",
        "SET TRANSACTION READ WRITE                                   | only SELECT",
        "COMMIT                                                       | only SELECT",
        "SELECT set_config('default_transaction_read_only','off',false) | set_config",
        "SELECT \"set_config\"('x', 'y', false)                       | set_config",
        "SELECT pg_read_file('/etc/passwd')                           | pg_read_file",
        "SELECT lo_import('/etc/passwd')                              | lo_import",
        "SELECT * FROM t INTO OUTFILE '/tmp/x'                        | INTO",
        "SELECT * FROM t FOR UPDATE                                   | FOR UPDATE",
        "SELECT a INTO new_table FROM t                               | INTO",
        "SELECT load_file('/etc/passwd')                              | load_file",
        "SELECT nextval('s')                                          | nextval",
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d        | data-changing",
        "SELECT * FROM t /*! INTO OUTFILE '/tmp/x' */                 | executable comment",
        "SELECT 1 /*M!100000 , (SELECT 2) */                          | executable comment",
        "SET STATEMENT tx_read_only=0 FOR DELETE FROM t               | data-changing",
        "SET SESSION TRANSACTION READ WRITE                           | only SELECT",
        "SET SESSION query_max_execution_time = '1h'                  | only SELECT",
        "SELECT * FROM TABLE(system.query(query => 'DROP TABLE t'))   | query",
        "SELECT dblink_connect('host=evil')                           | dblink_connect",
        "SELECT pg_notify('channel', 'x')                             | pg_notify",
        "SELECT GET_LOCK('x', 100)                                    | get_lock",
    })
    void refusesWithTheRuleThatRefused(String sql, String rule) {
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOfSatisfying(QueryExecutionException.class, e -> {
                    assertThat(e.failure()).isEqualTo(QueryFailure.REFUSED);
                    assertThat(e.getMessage()).containsIgnoringCase(rule);
                });
    }

    @Test
    void emptyAndUnparseableInputIsExplained() {
        assertThatThrownBy(() -> guard.check("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> guard.check("SELEC a FROM"))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.SYNTAX));
    }

    @Test
    void commentsAndQuotedIdentifiersDoNotHideFunctions() {
        assertThat(StatementGuard.scannable("SELECT /* x */ \"a\" -- c\n FROM 'lit''eral'")).isEqualTo(
                "SELECT   a \n FROM ''");
    }
}
