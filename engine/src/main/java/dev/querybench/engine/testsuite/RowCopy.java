package dev.querybench.engine.testsuite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Copies one table's rows from a candidate SQLite file into its server table, inside the caller's
 * transaction: multi-row {@code INSERT}s of up to {@value #CHUNK} rows, each under a savepoint; when
 * the server refuses one (a text longer than the column, a value out of range, a duplicate under the
 * server's collation), its rows go in one by one, each under its own savepoint, and the refused ones
 * are left out. The rows kept are the same as with one {@code INSERT} a row, in the same order.
 * Our own statements only; the table and column names come from the schema. Not thread-safe.
 */
final class RowCopy {

    static final int CHUNK = 200;

    private final Connection target;
    private final Function<String, String> quote;
    private final BiFunction<Object, SqliteSchema.Kind, Object> convert;

    /**
     * @param target the server connection, with autocommit off
     * @param quote quotes a name for the server
     * @param convert turns a SQLite value of a column of the given kind into the value the server takes
     */
    RowCopy(Connection target, Function<String, String> quote, BiFunction<Object, SqliteSchema.Kind, Object> convert) {
        this.target = target;
        this.quote = quote;
        this.convert = convert;
    }

    /** Copies every row of {@code t} in {@code source}, in rowid order, into {@code qualifiedTable}. */
    void copy(Connection source, SqliteSchema.Table t, String qualifiedTable) throws SQLException {
        List<SqliteSchema.Column> columns = t.columns();
        List<Object[]> rows = new ArrayList<>();
        try (Statement read = source.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + String.join(", ", columns.stream()
                        .map(c -> SqliteSchema.quote(c.name())).toList()) + " FROM " + SqliteSchema.quote(t.name())
                        + " ORDER BY rowid")) {
            while (rs.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = convert.apply(rs.getObject(i + 1), columns.get(i).kind());
                }
                rows.add(row);
            }
        }
        String head = "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns.stream()
                .map(c -> quote.apply(c.name())).toList()) + ") VALUES ";
        String tuple = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            if (!insert(head, tuple, chunk) && chunk.size() > 1) {
                for (Object[] row : chunk) {
                    insert(head, tuple, java.util.Collections.singletonList(row));
                }
            }
        }
    }

    /** Inserts {@code rows} under a savepoint; false (and nothing inserted) when the server refuses them. */
    private boolean insert(String head, String tuple, List<Object[]> rows) throws SQLException {
        String sql = head + String.join(", ", java.util.Collections.nCopies(rows.size(), tuple));
        Savepoint savepoint = target.setSavepoint();
        try (PreparedStatement write = target.prepareStatement(sql)) {
            int p = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    write.setObject(p++, value);
                }
            }
            write.executeUpdate();
            target.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException refused) {
            target.rollback(savepoint);
            return false;
        }
    }
}
