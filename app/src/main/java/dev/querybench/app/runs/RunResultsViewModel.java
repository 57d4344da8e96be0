package dev.querybench.app.runs;

import dev.querybench.app.text.VerdictKind;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.run.ItemResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The shown run's verdicts: every finished item, the search text and verdict filter over them, why
 * items failed, and the item the user selected.
 */
public final class RunResultsViewModel {

    private final Map<String, Question> questions;
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    // Kept as fields: an unmodifiable view only forwards changes while someone holds it.
    private final ObservableList<ResultRow> resultsView = FXCollections.unmodifiableObservableList(results);
    private final FilteredList<ResultRow> visibleResults = new FilteredList<>(results);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<VerdictFilter> verdictFilter =
            new SimpleObjectProperty<>(this, "verdictFilter", VerdictFilter.ALL);
    private final ReadOnlyStringWrapper resultsSummary = new ReadOnlyStringWrapper(this, "resultsSummary", "");
    private final ReadOnlyStringWrapper emptyResultsText = new ReadOnlyStringWrapper(this, "emptyResultsText");
    private final ObjectProperty<ResultRow> selectedResult = new SimpleObjectProperty<>(this, "selectedResult");
    /** True while the newest stored run is being read to be shown (after a start). */
    private final javafx.beans.property.BooleanProperty loadingLatest =
            new javafx.beans.property.SimpleBooleanProperty(this, "loadingLatest");

    /** {@code running} tells the empty table to wait for the first verdict rather than ask for a run. */
    RunResultsViewModel(List<Question> questions, ObservableBooleanValue running) {
        this.questions = questions.stream()
                .collect(Collectors.toMap(Question::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        visibleResults.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
            VerdictFilter filter = verdictFilter.get() == null ? VerdictFilter.ALL : verdictFilter.get();
            return row -> filter.accepts(row.verdict()) && row.matches(needle);
        }, searchText, verdictFilter));
        resultsSummary.bind(Bindings.createStringBinding(() -> {
            int all = results.size();
            int shown = visibleResults.size();
            return all == 0 ? "" : shown == all ? all + " results" : shown + " of " + all + " results";
        }, results, visibleResults));
        emptyResultsText.bind(Bindings.createStringBinding(() -> results.isEmpty()
                ? running.get() ? "Waiting for the first verdict…"
                        : loadingLatest.get() ? "Loading the latest run…"
                        : "No results yet. Choose a model and prompt variants, then press Run (Ctrl+R)."
                : "No result matches the search text and verdict filter.", results, running, loadingLatest));
    }

    /** Says the newest stored run is being read (true) or no longer (false) while nothing is listed. */
    void loadingLatest(boolean loading) {
        loadingLatest.set(loading);
    }

    /** Nothing listed, nothing selected. */
    void clear() {
        loadingLatest.set(false);
        selectedResult.set(null);
        results.clear();
    }

    /** Lists items as they finish. */
    void add(List<ItemResult> items) {
        if (items.isEmpty()) {
            return;
        }
        List<ResultRow> rows = items.stream().map(this::row).toList();
        results.addAll(rows);
    }

    /** Lists an ended run's items in plan order, in place of those listed while it ran. */
    void setAll(List<ItemResult> items) {
        List<ResultRow> rows = items.stream().map(this::row).toList();
        selectedResult.set(null);
        loadingLatest.set(false);
        results.setAll(rows);
    }

    private ResultRow row(ItemResult item) {
        var verdict = item.verdict();
        Question question = questions.get(item.key().questionId());
        return new ResultRow(item.key().questionId(), question == null ? "" : question.text(),
                item.key().variant(), item.key().model(), item.sql() == null ? "" : item.sql(),
                question == null ? "" : question.primaryGold(), VerdictKind.valueOf(verdict.outcome().name()),
                verdict.failureCategory() == null ? "" : verdict.failureCategory().id(), verdict.reason());
    }

    // ---- properties

    /** Every finished item: in finishing order while running, in plan order once the run ends. */
    public ObservableList<ResultRow> rows() {
        return resultsView;
    }

    /** The results the search text and verdict filter let through. */
    public ObservableList<ResultRow> visibleRows() {
        return visibleResults;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObjectProperty<VerdictFilter> verdictFilterProperty() {
        return verdictFilter;
    }

    public List<VerdictFilter> verdictFilters() {
        return List.of(VerdictFilter.values());
    }

    public ReadOnlyStringProperty resultsSummaryProperty() {
        return resultsSummary.getReadOnlyProperty();
    }

    /** What the results table says when it shows nothing. */
    public ReadOnlyStringProperty emptyResultsTextProperty() {
        return emptyResultsText.getReadOnlyProperty();
    }

    /** The result the user selected in the table, or null. */
    public ObjectProperty<ResultRow> selectedResultProperty() {
        return selectedResult;
    }
}
