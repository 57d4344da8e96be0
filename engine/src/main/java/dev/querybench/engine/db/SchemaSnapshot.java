package dev.querybench.engine.db;

import java.util.List;
import java.util.Optional;

/**
 * Tables, columns and keys of a database at one moment. Immutable.
 *
 * @param dialect the engine it was read from
 * @param tables tables in name order
 */
public record SchemaSnapshot(Dialect dialect, List<Table> tables) {

    public SchemaSnapshot {
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /** A table with its columns in declaration order. */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            foreignKeys = List.copyOf(foreignKeys);
        }
    }

    /** A column as declared. */
    public record Column(String name, String type, boolean nullable) {}

    /** A foreign key from this table's columns to another table's columns. */
    public record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns) {
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }
}
