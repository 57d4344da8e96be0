package dev.querybench.app.grid;

import java.util.List;
import java.util.Locale;

/** Rows as text for the clipboard and files: CSV, TSV or a Markdown table. NULL stays visible. */
public enum GridFormat {
    CSV("CSV", "csv"),
    TSV("TSV", "tsv"),
    MARKDOWN("Markdown", "md");

    private final String label;
    private final String extension;

    GridFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Writes a header and the rows; NULL is written as an empty CSV field, {@code NULL} elsewhere. */
    public String write(List<String> columns, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, columns, true);
        if (this == MARKDOWN) {
            out.append('|');
            columns.forEach(c -> out.append(" --- |"));
            out.append('\n');
        }
        rows.forEach(row -> line(out, row, false));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> values, boolean header) {
        switch (this) {
            case CSV -> {
                for (int i = 0; i < values.size(); i++) {
                    out.append(i == 0 ? "" : ",").append(csv(values.get(i)));
                }
            }
            case TSV -> {
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i);
                    out.append(i == 0 ? "" : "\t").append(v == null ? "NULL" : v.replace('\t', ' ').replace('\n', ' '));
                }
            }
            case MARKDOWN -> {
                out.append('|');
                for (String v : values) {
                    out.append(' ').append(v == null ? (header ? "" : "*NULL*")
                            : v.replace("|", "\\|").replace('\n', ' ')).append(" |");
                }
            }
        }
        out.append('\n');
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                || value.isEmpty() || value.toUpperCase(Locale.ROOT).equals("NULL");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
