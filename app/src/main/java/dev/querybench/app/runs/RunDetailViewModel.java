package dev.querybench.app.runs;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableObjectValue;

/** The selected result in full: question, verdict with its reason, predicted and gold SQL. */
public final class RunDetailViewModel {

    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");
    private final ReadOnlyStringWrapper detailReason = new ReadOnlyStringWrapper(this, "detailReason", "");
    private final ReadOnlyStringWrapper detailPredictedSql = new ReadOnlyStringWrapper(this, "detailPredictedSql", "");
    private final ReadOnlyStringWrapper detailGoldSql = new ReadOnlyStringWrapper(this, "detailGoldSql", "");
    private final ReadOnlyBooleanWrapper detailShown = new ReadOnlyBooleanWrapper(this, "detailShown");

    RunDetailViewModel(ObservableObjectValue<ResultRow> selected) {
        detailShown.bind(javafx.beans.binding.Bindings.isNotNull(selected));
        selected.addListener((obs, was, row) -> show(row));
    }

    private void show(ResultRow row) {
        if (row == null) {
            detailTitle.set("");
            detailReason.set("");
            detailPredictedSql.set("");
            detailGoldSql.set("");
            return;
        }
        detailTitle.set(row.questionId() + " · " + row.variant() + " · " + row.model() + ": " + row.question());
        detailReason.set(row.verdict() + (row.reasonText().isBlank() ? "" : " · " + row.reasonText()));
        detailPredictedSql.set(row.sql().isBlank() ? "(the model gave no SQL)" : row.sql().strip());
        detailGoldSql.set(row.gold().strip());
    }

    public ReadOnlyBooleanProperty detailShownProperty() {
        return detailShown.getReadOnlyProperty();
    }

    /** "q011 · ddl-basic · model: question text". */
    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** "FAIL · Wrong values: …". */
    public ReadOnlyStringProperty detailReasonProperty() {
        return detailReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailPredictedSqlProperty() {
        return detailPredictedSql.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailGoldSqlProperty() {
        return detailGoldSql.getReadOnlyProperty();
    }
}
