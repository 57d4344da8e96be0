package dev.querybench.engine.db;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Redactor;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Driver errors as the drivers raise them (SQLSTATE, vendor code, message, wrapped cause), turned
 * into what a user reads. The real servers produce the same errors in the backend and validator
 * tests; here every branch is pinned down.
 */
class DatabaseErrorsTest {

    private final DatabaseErrors errors = new DatabaseErrors();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // dialect   | SQLSTATE | code | message                                                          | category       | failure
        "POSTGRESQL  | 28P01    | 0    | FATAL: password authentication failed for user \"x\"               | AUTHENTICATION | RUNTIME",
        "POSTGRESQL  | 3D000    | 0    | FATAL: database \"nope\" does not exist                            | NOT_FOUND      | RUNTIME",
        "POSTGRESQL  | 42601    | 0    | ERROR: syntax error at end of input                              | SYNTAX         | SYNTAX",
        "POSTGRESQL  | 42501    | 0    | ERROR: permission denied for table t                             | PERMISSION     | PERMISSION",
        "POSTGRESQL  | 25006    | 0    | ERROR: cannot execute DELETE in a read-only transaction          | PERMISSION     | PERMISSION",
        "POSTGRESQL  | 57014    | 0    | ERROR: canceling statement due to statement timeout              | TIMEOUT        | TIMEOUT",
        "POSTGRESQL  | 42P01    | 0    | ERROR: relation \"nope\" does not exist                            | NOT_FOUND      | SCHEMA",
        "POSTGRESQL  | 42703    | 0    | ERROR: column \"nope\" does not exist                              | NOT_FOUND      | SCHEMA",
        "POSTGRESQL  | 22012    | 0    | ERROR: division by zero                                          | INVALID_INPUT  | RUNTIME",
        "POSTGRESQL  | 08004    | 0    | The server does not support SSL.                                 | CONFIGURATION  | RUNTIME",
        "POSTGRESQL  | 08001    | 0    | Connection to 127.0.0.1:1 refused.                               | NETWORK        | RUNTIME",
        "POSTGRESQL  | XX000    | 0    | ERROR: something odd                                             | SERVER         | RUNTIME",
        "MYSQL       | 28000    | 1045 | Access denied for user 'r'@'localhost' (using password: YES)     | AUTHENTICATION | RUNTIME",
        "MYSQL       | 42000    | 1049 | Unknown database 'nope'                                          | NOT_FOUND      | RUNTIME",
        "MYSQL       | 42000    | 1064 | You have an error in your SQL syntax; check the manual           | SYNTAX         | SYNTAX",
        "MYSQL       | 42000    | 1142 | DELETE command denied to user 'r'@'localhost' for table 't'      | PERMISSION     | PERMISSION",
        "MYSQL       | 25006    | 1792 | Cannot execute statement in a READ ONLY transaction              | PERMISSION     | PERMISSION",
        "MYSQL       | 70100    | 1317 | Query execution was interrupted                                  | TIMEOUT        | TIMEOUT",
        "MYSQL       | 70100    | 1969 | Query execution was interrupted (max_statement_time exceeded)    | TIMEOUT        | TIMEOUT",
        "MYSQL       | HY000    | 3024 | Query execution was interrupted, maximum statement execution time exceeded | TIMEOUT | TIMEOUT",
        "MYSQL       | 42S02    | 1146 | Table 'db.nope' doesn't exist                                    | NOT_FOUND      | SCHEMA",
        "MYSQL       | 42S22    | 1054 | Unknown column 'nope' in 'field list'                            | NOT_FOUND      | SCHEMA",
        "MYSQL       | 08S01    | 0    | Communications link failure                                      | NETWORK        | RUNTIME",
        "MYSQL       | 08001    | 0    | SSL connection required, but not supported by server             | CONFIGURATION  | RUNTIME",
        "TRINO       |          | 4    | Query failed (#1): Access Denied: Cannot insert into table t     | PERMISSION     | PERMISSION",
        "TRINO       |          | 1    | Query failed (#1): line 1:8: mismatched input 'FROM'             | SYNTAX         | SYNTAX",
        "TRINO       |          | 46   | Query failed (#1): line 1:15: Table 'memory.s.nope' does not exist | NOT_FOUND    | SCHEMA",
        "TRINO       |          | 47   | Query failed (#1): line 1:8: Column 'nope' cannot be resolved    | NOT_FOUND      | SCHEMA",
        "TRINO       |          | 0    | Query failed (#1): Catalog 'nope' not found                      | NOT_FOUND      | RUNTIME",
        "TRINO       |          | 0    | Query failed (#1): Query exceeded maximum time limit of 2.00s    | TIMEOUT        | TIMEOUT",
        "TRINO       |          | 0    | Query failed (#1): Query was canceled                            | TIMEOUT        | TIMEOUT",
        "TRINO       |          | 0    | Query failed (#1): Division by zero                              | INVALID_INPUT  | RUNTIME",
        "TRINO       |          | 0    | Authentication failed: Unauthorized                              | AUTHENTICATION | RUNTIME",
        "SQLITE      |          | 1    | [SQLITE_ERROR] SQL error or missing database (near \"SELEC\": syntax error) | SYNTAX | SYNTAX",
        "SQLITE      |          | 1    | [SQLITE_ERROR] SQL error or missing database (no such table: x)  | NOT_FOUND      | SCHEMA",
        "SQLITE      |          | 8    | [SQLITE_READONLY] Attempt to write a readonly database           | PERMISSION     | PERMISSION",
        "SQLITE      |          | 9    | [SQLITE_INTERRUPT] Operation terminated (interrupted)            | TIMEOUT        | TIMEOUT",
        "SQLITE      |          | 26   | [SQLITE_NOTADB] File opened that is not a database file          | INVALID_INPUT  | RUNTIME",
        "SQLITE      |          | 18   | [SQLITE_TOOBIG] String or BLOB exceeds size limit (string or blob too big) | INVALID_INPUT | RUNTIME",
    })
    void driverErrorsBecomeCategoriesAndFailures(Dialect dialect, String state, int code, String message,
            ErrorCategory category, QueryFailure failure) {
        SQLException e = new SQLException(message, state, code);
        ErrorResponse response = errors.handleDatabaseError(e, dialect);
        assertThat(response.category()).as(message).isEqualTo(category);
        assertThat(response.retryable()).isEqualTo(category.retryableByDefault());
        assertThat(response.message()).contains(message.length() > 20 ? message.substring(0, 20) : message);
        assertThat(response.remedy()).isNotBlank();
        assertThat(errors.classify(e, dialect)).isEqualTo(failure);
    }

    @Test
    void wrappedNetworkAndTlsCausesAreFoundInsidePoolErrors() {
        SQLException refused = new SQLTransientConnectionException("pool - Connection is not available", "08001",
                new SQLException("Connection to 127.0.0.1:1 refused", "08001", new ConnectException("Connection refused")));
        assertThat(errors.describe(refused, PostgresEngine.DIALECT).category()).isEqualTo(ErrorCategory.NETWORK);
        assertThat(errors.describe(refused, PostgresEngine.DIALECT).message()).contains("127.0.0.1:1 refused");
        SQLException unknownHost = new SQLException("cannot connect", null, new UnknownHostException("db.invalid"));
        assertThat(errors.describe(unknownHost, MysqlEngine.DIALECT).category()).isEqualTo(ErrorCategory.NETWORK);
        SQLException tls = new SQLException("Error executing query", null, new SSLHandshakeException("handshake"));
        assertThat(errors.describe(tls, TrinoEngine.DIALECT).message()).startsWith("TLS mismatch");
        assertThat(errors.describe(new SQLTimeoutException("timed out"), PostgresEngine.DIALECT).category())
                .isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(errors.describe(new RuntimeException((String) null), SqliteEngine.DIALECT).message())
                .contains("RuntimeException");
    }

    @Test
    void messagesAreRedacted() {
        DatabaseErrors redacting = new DatabaseErrors(new Redactor(List.of("s3cret-pass")));
        SQLException e = new SQLException("login failed with password s3cret-pass", "28P01");
        assertThat(redacting.describe(e, PostgresEngine.DIALECT).message()).doesNotContain("s3cret-pass").contains("****");
    }
}
