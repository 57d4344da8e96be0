package dev.querybench.engine.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CSV as pandas' {@code read_csv} does with its defaults, because defog sql-eval's question
 * files are read that way and are not all strict CSV: a quote inside a quoted field that is not
 * doubled ends the quoted part and the rest of the field is read as it is ({@code "a "b" c"} is
 * {@code a b" c"}); blank lines are skipped; a short row is filled with missing values; the usual
 * missing-value spellings ({@code NA}, {@code NULL}, {@code nan}, an empty field …) are missing
 * (null); a header repeated gets {@code .1}, {@code .2} suffixes. docs/evaluation.md ("datasets")
 * describes what is read. Stateless and thread-safe.
 */
public final class PandasCsv {

    /** pandas' default strings read as missing. */
    private static final Set<String> MISSING = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
            "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    /** The header and the records (column → value, null when missing), with each record's line number. */
    public record Table(List<String> header, List<Map<String, String>> rows, List<Integer> lines) {}

    /** A row with more fields than the header. */
    public static final class TooManyFields extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        TooManyFields(int line, int expected, int saw) {
            super("line " + line + " has " + saw + " fields, the header " + expected, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public Table read(String text) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        tokenize(text.startsWith("\uFEFF") ? text.substring(1) : text, records, lines);
        if (records.isEmpty()) {
            return new Table(List.of(), List.of(), List.of());
        }
        List<String> header = uniqueHeader(records.getFirst());
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() > header.size()) {
                throw new TooManyFields(lines.get(r), header.size(), fields.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = c < fields.size() ? fields.get(c) : null;
                row.put(header.get(c), v == null || MISSING.contains(v) ? null : v);
            }
            rows.add(row);
        }
        return new Table(header, rows, lines.subList(1, lines.size()));
    }

    private static List<String> uniqueHeader(List<String> raw) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : raw) {
            String n = name == null ? "" : name;
            String unique = n;
            for (int k = 1; !seen.add(unique); k++) {
                unique = n + "." + k;
            }
            out.add(unique);
        }
        return out;
    }

    /** pandas' C tokenizer states, for comma-separated fields with double quotes. */
    private enum State { START_FIELD, IN_FIELD, IN_QUOTED, QUOTE_IN_QUOTED }

    private static void tokenize(String s, List<List<String>> records, List<Integer> lines) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        State state = State.START_FIELD;
        int line = 1;
        int recordLine = 1;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean newline = c == '\n' || c == '\r';
            if (state == State.IN_QUOTED) {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    field.append(c);
                    line += c == '\n' ? 1 : 0;
                }
                continue;
            }
            if (state == State.QUOTE_IN_QUOTED && c == '"') {
                field.append('"');
                state = State.IN_QUOTED;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                state = State.START_FIELD;
                any = true;
            } else if (newline) {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.isEmpty() || state != State.START_FIELD) {
                    fields.add(field.toString());
                    records.add(fields);
                    lines.add(recordLine);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                state = State.START_FIELD;
                any = false;
                line++;
                recordLine = line;
            } else if (c == '"' && state == State.START_FIELD) {
                state = State.IN_QUOTED;
                any = true;
            } else {
                field.append(c);
                state = State.IN_FIELD;
                any = true;
            }
        }
        if (any || !field.isEmpty() || state != State.START_FIELD) {
            fields.add(field.toString());
            records.add(fields);
            lines.add(recordLine);
        }
    }
}
