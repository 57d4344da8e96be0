package dev.querybench.engine.db;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link SchemaSnapshot} into text for prompts: DDL in the snapshot's dialect, or a
 * compact one-line-per-table form. Stateless and thread-safe.
 */
public final class SchemaRenderer {

    /**
     * CREATE TABLE statements with primary and foreign keys, one per table, as the snapshot's engine
     * would accept them (Trino declares no keys; its tables come without them).
     */
    public String ddl(SchemaSnapshot schema) {
        StringBuilder out = new StringBuilder();
        for (SchemaSnapshot.Table table : schema.tables()) {
            List<String> lines = new ArrayList<>();
            for (SchemaSnapshot.Column column : table.columns()) {
                lines.add("  " + column.name() + " " + column.type() + (column.nullable() ? "" : " NOT NULL"));
            }
            if (!table.primaryKey().isEmpty()) {
                lines.add("  PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
            }
            for (SchemaSnapshot.ForeignKey fk : table.foreignKeys()) {
                lines.add("  FOREIGN KEY (" + String.join(", ", fk.columns()) + ") REFERENCES "
                        + fk.referencedTable() + " (" + String.join(", ", fk.referencedColumns()) + ")");
            }
            out.append("CREATE TABLE ").append(table.name()).append(" (\n")
                    .append(String.join(",\n", lines)).append("\n);\n\n");
        }
        return out.toString().stripTrailing();
    }

    /**
     * One line per table, for prompts that must stay short:
     * {@code orders(order_id INTEGER PK, customer_id INTEGER -> customers.customer_id, …)}.
     */
    public String compact(SchemaSnapshot schema) {
        StringBuilder out = new StringBuilder();
        for (SchemaSnapshot.Table table : schema.tables()) {
            List<String> parts = new ArrayList<>();
            for (SchemaSnapshot.Column column : table.columns()) {
                StringBuilder part = new StringBuilder(column.name()).append(' ').append(column.type());
                if (table.primaryKey().contains(column.name())) {
                    part.append(" PK");
                }
                for (SchemaSnapshot.ForeignKey fk : table.foreignKeys()) {
                    int at = fk.columns().indexOf(column.name());
                    if (at >= 0) {
                        part.append(" -> ").append(fk.referencedTable()).append('.').append(fk.referencedColumns().get(at));
                    }
                }
                parts.add(part.toString());
            }
            out.append(table.name()).append('(').append(String.join(", ", parts)).append(")\n");
        }
        return out.toString().stripTrailing();
    }

    /** A few rows of each table as compact pipe-separated text; NULL written as NULL. */
    public String sampleRows(DatabaseBackend backend, SchemaSnapshot schema, int rowsPerTable) {
        StringBuilder out = new StringBuilder();
        for (SchemaSnapshot.Table table : schema.tables()) {
            QueryResult rows = backend.sampleRows(table.name(), rowsPerTable);
            out.append("-- ").append(table.name()).append(" (").append(rows.rowCount()).append(" sample rows)\n");
            out.append(String.join(" | ", rows.columns())).append('\n');
            for (List<Object> row : rows.rows()) {
                out.append(row.stream().map(v -> v == null ? "NULL" : String.valueOf(v))
                        .collect(Collectors.joining(" | "))).append('\n');
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
