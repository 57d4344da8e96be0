package dev.querybench.engine.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's database in portable SQL: {@code CREATE TABLE} statements using INTEGER,
 * VARCHAR(n), DECIMAL(p,s), DATE and TIMESTAMP with primary and foreign keys, and multi-row
 * {@code INSERT … VALUES} statements of plain literals. The same definition loads into every
 * engine; its version is a digest of both scripts. Immutable.
 *
 * @param name the dataset's name, recorded in the version table
 * @param version digest of the scripts; a change means the database must be rebuilt
 * @param tables tables in dependency order (referenced tables first)
 * @param inserts the data, one statement per element
 * @param expectedRows rows each table holds after loading
 */
public record DatabaseDefinition(String name, String version, List<TableDefinition> tables, List<Insert> inserts,
        Map<String, Long> expectedRows) {

    public DatabaseDefinition {
        tables = List.copyOf(tables);
        inserts = List.copyOf(inserts);
        expectedRows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expectedRows));
    }

    /**
     * Reads the two scripts.
     *
     * @throws IllegalArgumentException naming the statement that is not portable SQL
     */
    public static DatabaseDefinition fromScripts(String name, String schemaSql, String dataSql) {
        List<TableDefinition> tables = new ArrayList<>();
        for (String statement : SqlScript.split(schemaSql)) {
            tables.add(PortableSql.parseCreateTable(statement));
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        tables.forEach(t -> expected.put(t.name(), 0L));
        List<Insert> inserts = new ArrayList<>();
        for (String statement : SqlScript.split(dataSql)) {
            Insert insert = PortableSql.parseInsert(statement);
            if (!expected.containsKey(insert.table())) {
                throw new IllegalArgumentException("data for table " + insert.table() + ", which the schema does not"
                        + " create");
            }
            expected.merge(insert.table(), (long) insert.rows().size(), Long::sum);
            inserts.add(insert);
        }
        return new DatabaseDefinition(name, digest(schemaSql, dataSql), tables, inserts, expected);
    }

    public java.util.Optional<TableDefinition> table(String tableName) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(tableName)).findFirst();
    }

    private static String digest(String schemaSql, String dataSql) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(schemaSql.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(dataSql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * A table as declared.
     *
     * @param name table name
     * @param columns columns in declaration order
     * @param primaryKey primary key columns
     * @param foreignKeys references to other tables
     */
    public record TableDefinition(String name, List<ColumnDefinition> columns, List<String> primaryKey,
            List<SchemaSnapshot.ForeignKey> foreignKeys) {
        public TableDefinition {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            foreignKeys = List.copyOf(foreignKeys);
        }

        public java.util.Optional<ColumnDefinition> column(String columnName) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
        }
    }

    /**
     * A column as declared.
     *
     * @param name column name
     * @param type portable type in upper case, such as {@code VARCHAR(40)} or {@code DECIMAL(10,2)}
     * @param notNull whether NULL is refused
     */
    public record ColumnDefinition(String name, String type, boolean notNull) {
        /** The type without its size: {@code VARCHAR}, {@code DECIMAL}, {@code DATE} … */
        public String baseType() {
            int paren = type.indexOf('(');
            return paren < 0 ? type : type.substring(0, paren).strip();
        }
    }

    /**
     * One {@code INSERT … VALUES} statement: literals as written ({@code 'text'}, numbers, {@code NULL}).
     *
     * @param table target table
     * @param columns column names as listed
     * @param rows one list of literals per row
     */
    public record Insert(String table, List<String> columns, List<List<String>> rows) {
        public Insert {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
