package dev.querybench.app.widgets;

import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridFormat;
import dev.querybench.app.grid.GridRow;
import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.grid.RowMark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * A virtualised table of query results: a row-number column with a missing/extra mark, NULL
 * shown apart from text, Ctrl+C copies the selected rows as TSV. Rows of an observable list
 * (such as a paged one) appear as they load. Sorting is local unless a sort handler is set, in
 * which case the handler re-reads the rows in the requested order; without a handler, a list of
 * more than {@link #MAX_SORTED_IN_MEMORY} rows is shown as it is, unsortable (a local sort would
 * read and hold every row of a paged million).
 */
public final class ResultGrid extends TableView<GridRow> {

    /** The most rows sorted locally (a comparison's result up to its row cap). */
    public static final int MAX_SORTED_IN_MEMORY = 100_000;

    private static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing");
    private static final PseudoClass EXTRA = PseudoClass.getPseudoClass("extra");

    private static final PseudoClass NULL_VALUE = PseudoClass.getPseudoClass("null-value");
    private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");

    private final Label placeholder = new Label();
    /** Above zero while the rows shown tell of an arrived page ({@link #requestLayout}). */
    private int rowsArriving;
    private BiConsumer<Integer, Boolean> sortHandler;
    private GridData shown = GridData.EMPTY;

    public ResultGrid() {
        getStyleClass().add("result-grid");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // A fixed row height lets the virtual flow place row 999,999 without measuring the rows before it.
        setFixedCellSize(28);
        WheelScroll.install(this);
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        setPlaceholder(placeholder);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(GridRow row, boolean empty) {
                super.updateItem(row, empty);
                RowMark mark = empty || row == null ? RowMark.NONE : row.mark();
                pseudoClassStateChanged(MISSING, mark == RowMark.MISSING);
                pseudoClassStateChanged(EXTRA, mark == RowMark.EXTRA);
            }
        });
        setOnKeyPressed(event -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(event)) {
                ClipboardContent content = new ClipboardContent();
                content.putString(selectionAs(GridFormat.TSV));
                Clipboard.getSystemClipboard().setContent(content);
                event.consume();
            }
        });
        setSortPolicy(table -> {
            if (sortHandler == null) {
                return TableView.DEFAULT_SORT_POLICY.call(table);
            }
            if (!getSortOrder().isEmpty()) {
                TableColumn<GridRow, ?> column = getSortOrder().getFirst();
                int index = getColumns().indexOf(column) - 1;
                if (index >= 0) {
                    sortHandler.accept(index, column.getSortType() == TableColumn.SortType.ASCENDING);
                }
            }
            return true;
        });
    }

    /** Sorting by a column calls {@code handler(column, ascending)} instead of sorting locally. */
    public void setSortHandler(BiConsumer<Integer, Boolean> handler) {
        this.sortHandler = handler;
    }

    /**
     * Rows arriving change what the grid shows, never its size (a fixed row height, a preferred
     * width from the columns alone): the table's reaction to them lays out the grid alone, not the
     * screen around it. (Scrolling still does: JavaFX's VirtualFlow passes its layout requests up to
     * the window's root; a flow that kept them to itself cut the comparison benchmark's text layouts
     * from 35 to 3 MB but its thumb drags stalled the FX thread 158-235 ms in 4 of 6 runs, in
     * VirtualFlow.recalculateAndImproveEstimatedSize, so it was taken out: BENCHMARKS.md.)
     */
    @Override
    public void requestLayout() {
        if (rowsArriving > 0 && getParent() != null) {
            setNeedsLayout(true);
        } else {
            super.requestLayout();
        }
    }

    private void whileRowsArrive(Runnable change) {
        rowsArriving++;
        try {
            change.run();
        } finally {
            rowsArriving--;
        }
    }

    /** Shows {@code data}; keeps the columns when they did not change (a re-sorted result). */
    @SuppressWarnings("unchecked")
    public void show(GridData data) {
        GridData next = data == null ? GridData.EMPTY : data;
        if (shown.rows() instanceof PagedRows previous && previous != next.rows()) {
            previous.setArrivalScope(null);
        }
        if (next.rows() instanceof PagedRows paged) {
            paged.setArrivalScope(this::whileRowsArrive);
        }
        boolean sameColumns = next.columns().equals(shown.columns()) && !getColumns().isEmpty();
        shown = next;
        placeholder.setText(next.rows().isEmpty() ? next.summary() : "");
        if (!sameColumns) {
            getSortOrder().clear();
            getColumns().setAll(columns(next.columns(), next.rows() instanceof ObservableList<?> ? List.of() : next.rows()));
            if (next.rows() instanceof ObservableList<?> paged) {
                fitWhenLoaded((ObservableList<GridRow>) paged);
            }
        }
        ObservableList<GridRow> rows = next.rows() instanceof ObservableList<?> observable
                ? (ObservableList<GridRow>) observable : FXCollections.observableArrayList(next.rows());
        boolean sortInMemory = sortHandler == null && rows.size() <= MAX_SORTED_IN_MEMORY;
        if (sortHandler == null && !sortInMemory) {
            getSortOrder().clear();
        }
        getColumns().forEach(c -> c.setSortable(c != getColumns().getFirst() && (sortHandler != null || sortInMemory)));
        if (sortInMemory) {
            SortedList<GridRow> sorted = new SortedList<>(rows);
            sorted.comparatorProperty().bind(comparatorProperty());
            setItems(sorted);
        } else {
            setItems(rows);
        }
        pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), next.error());
    }

    public GridData shown() {
        return shown;
    }

    /** The selected rows (all loaded rows when none is selected) in {@code format}. */
    public String selectionAs(GridFormat format) {
        List<List<String>> rows = new ArrayList<>();
        List<GridRow> chosen = getSelectionModel().getSelectedItems().isEmpty() ? getItems()
                : getSelectionModel().getSelectedItems();
        for (GridRow row : chosen) {
            if (row != null && row.loaded()) {
                rows.add(row.values());
            }
        }
        return format.write(shown.columns(), rows);
    }

    private List<TableColumn<GridRow, ?>> columns(List<String> names, List<GridRow> sample) {
        List<TableColumn<GridRow, ?>> out = new ArrayList<>();
        TableColumn<GridRow, GridRow> number = new TableColumn<>("#");
        number.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        number.setSortable(false);
        number.setPrefWidth(64);
        number.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(GridRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? "" : (row.mark().symbol().isEmpty() ? "" : row.mark().symbol() + " ")
                        + (row.index() + 1));
            }

            {
                getStyleClass().add("row-number");
            }
        });
        out.add(number);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            TableColumn<GridRow, String> column = new TableColumn<>(names.get(i));
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value(index)));
            column.setComparator(Comparator.nullsFirst(ResultGrid::compareValues));
            int longest = names.get(i).length() + 3;
            for (GridRow row : sample.subList(0, Math.min(200, sample.size()))) {
                String value = row.value(i);
                longest = Math.max(longest, value == null ? 4 : value.length());
            }
            column.setPrefWidth(sample.isEmpty() ? Math.max(110, names.get(i).length() * 9 + 40)
                    : Math.max(70, Math.min(420, longest * 7.6 + 26)));
            column.setCellFactory(c -> new ValueCell());
            out.add(column);
        }
        return out;
    }

    /** Lazily paged rows arrive after the columns: widen the columns once to the first loaded page. */
    private void fitWhenLoaded(ObservableList<GridRow> rows) {
        if (fitColumns(rows)) {
            return;
        }
        rows.addListener(new javafx.collections.ListChangeListener<GridRow>() {
            @Override
            public void onChanged(Change<? extends GridRow> change) {
                if (shown.rows() != rows || fitColumns(rows)) {
                    rows.removeListener(this);
                }
            }
        });
    }

    private boolean fitColumns(List<GridRow> rows) {
        int sample = Math.min(200, rows.size());
        if (sample == 0 || !rows.getFirst().loaded()) {
            return sample == 0;
        }
        for (int i = 1; i < getColumns().size(); i++) {
            int index = i - 1;
            int longest = shown.columns().get(index).length() + 3;
            for (GridRow row : rows.subList(0, sample)) {
                if (row.loaded()) {
                    String value = row.value(index);
                    longest = Math.max(longest, value == null ? 4 : value.length());
                }
            }
            TableColumn<GridRow, ?> column = getColumns().get(i);
            column.setPrefWidth(Math.max(column.getPrefWidth(), Math.min(420, longest * 7.6 + 26)));
        }
        return true;
    }

    /** Numbers compare as numbers, everything else as text. */
    static int compareValues(String a, String b) {
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** A value cell: NULL in its own style, "…" while the row's page is loading. */
    private static final class ValueCell extends TableCell<GridRow, String> {
        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            GridRow row = getTableRow() == null ? null : getTableRow().getItem();
            boolean pending = !empty && row != null && !row.loaded();
            boolean nullValue = !empty && row != null && row.loaded() && value == null;
            // pseudo-classes, not style classes: a changed style class re-matches the cell's whole CSS
            pseudoClassStateChanged(PENDING, pending);
            pseudoClassStateChanged(NULL_VALUE, nullValue);
            setText(empty || row == null ? "" : pending ? "…" : nullValue ? "NULL" : value);
        }
    }
}
