package dev.querybench.app.compare;

import dev.querybench.app.grid.GridFormat;
import dev.querybench.engine.compare.CellKey;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.dataset.Question;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comparison matrix laid out from a run: one row per question with one cell per (variant,
 * model), and the failure categories and difficulties that occur in it, for the filters.
 *
 * @param rows the matrix, in the dataset's order
 * @param categories "All outcomes", then the failure categories that occur, by name
 * @param difficulties "All levels", then the difficulties that occur, easiest first
 */
record MatrixRows(List<MatrixRow> rows, List<String> categories, List<String> difficulties) {

    private static final List<String> DIFFICULTY_ORDER = List.of("easy", "medium", "hard", "extra", "challenging");

    static MatrixRows of(RunComparison comparison, List<CellKey> cells) {
        List<MatrixRow> rows = new ArrayList<>();
        Set<String> seenCategories = new TreeSet<>();
        Set<String> seenDifficulties = new LinkedHashSet<>();
        for (Question q : comparison.questions()) {
            List<MatrixCell> line = new ArrayList<>();
            for (CellKey cell : cells) {
                MatrixCell m = MatrixCell.of(comparison.item(q.id(), cell));
                if (!m.category().isBlank()) {
                    seenCategories.add(m.category());
                }
                line.add(m);
            }
            if (!q.difficulty().isBlank()) {
                seenDifficulties.add(q.difficulty());
            }
            rows.add(new MatrixRow(q.id(), q.text(), q.difficulty(), q.tags(), line, comparison.disagree(q.id())));
        }
        List<String> categories = new ArrayList<>(List.of(ComparisonViewModel.ANY_CATEGORY));
        categories.addAll(seenCategories);
        List<String> difficulties = new ArrayList<>(List.of(ComparisonViewModel.ANY_DIFFICULTY));
        seenDifficulties.stream().sorted(MatrixRows::byDifficulty).forEach(difficulties::add);
        return new MatrixRows(List.copyOf(rows), List.copyOf(categories), List.copyOf(difficulties));
    }

    /** {@code rows} of the matrix as a Markdown table. */
    static String markdown(List<CellKey> cells, List<MatrixRow> rows) {
        List<String> columns = new ArrayList<>(List.of("ID", "Question", "Level"));
        cells.forEach(c -> columns.add(c.label()));
        List<List<String>> lines = new ArrayList<>();
        for (MatrixRow row : rows) {
            List<String> line = new ArrayList<>(List.of(row.questionId(), row.question(), row.difficulty()));
            row.cells().forEach(c -> line.add(c.text() + (c.category().isBlank() || c.passed() ? "" : " (" + c.category() + ")")));
            lines.add(line);
        }
        return GridFormat.MARKDOWN.write(columns, lines);
    }

    private static int byDifficulty(String x, String y) {
        int ix = DIFFICULTY_ORDER.indexOf(x.toLowerCase(Locale.ROOT));
        int iy = DIFFICULTY_ORDER.indexOf(y.toLowerCase(Locale.ROOT));
        int byRank = Integer.compare(ix < 0 ? 99 : ix, iy < 0 ? 99 : iy);
        return byRank != 0 ? byRank : x.compareTo(y);
    }
}
