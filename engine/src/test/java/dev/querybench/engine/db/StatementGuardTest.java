package dev.querybench.engine.db;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementGuardTest {

    private final StatementGuard guard = new StatementGuard(PostgresEngine.DIALECT);

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
    void emptyAndNonQueriesAreExplainedButUnparseableQueriesGoToTheEngine() {
        assertThatThrownBy(() -> guard.check("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> guard.check("-- nothing but a comment\n;")).hasMessageContaining("empty");
        // no engine starts a statement with this word: a syntax error there too
        assertThatThrownBy(() -> guard.check("SELEC a FROM"))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.SYNTAX));
        // the parser cannot read it; the engine's read-only session says whether it is valid
        assertThat(guard.check("SELECT a FROM WHERE")).isEqualTo("SELECT a FROM WHERE");
        assertThatThrownBy(() -> guard.check("SELECT 'open"))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.SYNTAX));
    }

    @Test
    void trailingSemicolonsAndCommentsAreCutSoTheQueryCanBeWrapped() {
        assertThat(guard.check("SELECT 1 -- the answer\n;  /* done */ ;")).isEqualTo("SELECT 1");
    }

    /** Correct queries per dialect that a text check or JSqlParser refused (issue 12). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POSTGRESQL | SELECT v AS \"delete\" FROM t",
        "MYSQL      | SELECT v AS \"delete\" FROM t",
        "SQLITE     | SELECT v AS \"delete\" FROM t",
        "TRINO      | SELECT v AS \"delete\" FROM t",
        "MYSQL      | SELECT v FROM t WHERE v <> \"update x set y\"",
        "SQLITE     | SELECT v FROM t WHERE v <> \"update x set y\"",
        "SQLITE     | SELECT * FROM t WHERE a == 1",
        "SQLITE     | SELECT * FROM t WHERE name GLOB 'a*'",
        "SQLITE     | SELECT * FROM t WHERE a IS 1",
        "SQLITE     | SELECT * FROM t WHERE a IS NOT 2",
        "SQLITE     | SELECT * FROM t WHERE a NOTNULL",
        "SQLITE     | SELECT [my col] FROM [my table]",
        "SQLITE     | SELECT * FROM t NOT INDEXED WHERE a = 1",
        "SQLITE     | SELECT `name` FROM `t`",
        "MYSQL      | SELECT `name`, `delete` FROM `t`",
        "MYSQL      | SELECT 1 -- the answer",
        "MYSQL      | SELECT 1 # the answer",
        "POSTGRESQL | SELECT $$it's; DROP TABLE t$$ AS s",
        "POSTGRESQL | SELECT $tag$ $$ ; $tag$ AS s",
        "POSTGRESQL | SELECT 1 /* outer /* inner ; */ still comment */",
        "POSTGRESQL | SELECT 1 /* /* */ ; DELETE FROM t; */",
        "POSTGRESQL | SELECT E'it\\'s; DELETE FROM t' AS s",
        "POSTGRESQL | SELECT U&'d\\0061t\\+000061' AS s",
        "POSTGRESQL | SELECT insert_time, updated, deleted FROM t",
        "MYSQL      | SELECT insert('abc', 1, 1, 'x'), replace('a', 'b', 'c')",
        "TRINO      | SELECT * FROM t CROSS JOIN UNNEST(ARRAY[1, 2]) AS u(x)",
    })
    void correctQueriesOfEachDialectPass(Dialect dialect, String sql) {
        assertThat(new StatementGuard(dialect).check(sql)).isNotBlank();
    }

    /** Attacks hidden from a text check by each dialect's quoting and comment rules. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POSTGRESQL | SELECT $$'$$, pg_read_file('/etc/os-release'), $$'$$              | pg_read_file",
        "POSTGRESQL | SELECT U&\"pg\\005fread_file\"('/etc/os-release')                   | pg_read_file",
        "POSTGRESQL | SELECT U&\"pg!005fread_file\" UESCAPE '!' ('/etc/os-release')         | pg_read_file",
        "POSTGRESQL | SELECT pg_catalog.\"pg_read_file\"('/etc/os-release')                | pg_read_file",
        "POSTGRESQL | SELECT query_to_xml('select pg_terminate_backend(1)', true, false, '') | query_to_xml",
        "POSTGRESQL | SELECT pg_create_physical_replication_slot('s')                      | pg_create_physical",
        "POSTGRESQL | SELECT pg_drop_replication_slot('s')                                 | pg_drop_replication",
        "POSTGRESQL | SELECT pg_stat_reset()                                               | pg_stat_reset",
        "POSTGRESQL | SELECT pg_stat_reset_shared('bgwriter')                              | pg_stat_reset",
        "POSTGRESQL | SELECT pg_backup_start('x')                                          | pg_backup_start",
        "POSTGRESQL | SELECT pg_try_advisory_lock(1)                                       | pg_try_advisory",
        "SQLITE     | SELECT 1 /* /* */ ; DELETE FROM t; */                                 | more than one",
        "TRINO      | SELECT 1 /* /* */ ; DELETE FROM t; */                                 | more than one",
        "POSTGRESQL | SELECT E'\\''; DELETE FROM t; SELECT ''                               | more than one",
        "MYSQL      | SELECT 1 --1 INTO OUTFILE '/tmp/x'                                   | INTO OUTFILE",
        "MYSQL      | SELECT 1 --1NL, LOAD_FILE('/etc/passwd')                             | load_file",
        "MYSQL      | SELECT 1 --1NL, GET_LOCK('x', 1)                                     | get_lock",
        "MYSQL      | SELECT * FROM t /*! INTO OUTFILE '/tmp/x' */                         | executable comment",
        "MYSQL      | SELECT 1 /*M!100000 , (SELECT 2) */                                  | executable comment",
        "MYSQL      | SELECT 'a\\\\'; DELETE FROM t                                         | more than one",
        "SQLITE     | SELECT load_extension('/tmp/x.so')                                   | load_extension",
        "SQLITE     | SELECT [x]; DELETE FROM t                                            | more than one",
        "TRINO      | SELECT * FROM TABLE(system.query(query => 'DROP TABLE t'))           | query",
    })
    void attacksHiddenByQuotingOrCommentsAreRefused(Dialect dialect, String sql, String rule) {
        assertThatThrownBy(() -> new StatementGuard(dialect).check(sql.replace("NL", "\n")))
                .isInstanceOfSatisfying(QueryExecutionException.class, e -> {
                    assertThat(e.failure()).isEqualTo(QueryFailure.REFUSED);
                    assertThat(e.getMessage()).containsIgnoringCase(rule);
                });
    }
}
