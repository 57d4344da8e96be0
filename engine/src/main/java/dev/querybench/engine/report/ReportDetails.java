package dev.querybench.engine.report;

import dev.querybench.engine.compare.BaselineComparison;
import dev.querybench.engine.compare.CellResults;
import dev.querybench.engine.compare.ResultDiff;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a report knows beyond the run's items: the questions' text and gold SQL, a few rows of
 * the gold and predicted results (run again through the safe executor), and an earlier run to
 * compare with. Each part may be missing; the report then says so. Implementations are
 * thread-safe.
 */
public interface ReportDetails {

    /** Rows of each result a report shows. */
    int SAMPLE_ROWS = 5;

    Optional<Question> question(String id);

    /**
     * The first rows of gold and of {@code predictedSql} for {@code question}, marked missing and
     * extra as in the workbench, or empty when the database is not at hand.
     */
    Optional<ResultDiff.Comparison> sample(Question question, String predictedSql);

    /** The run against a baseline run, when one was picked. */
    default Optional<BaselineComparison> baseline() {
        return Optional.empty();
    }

    /**
     * Few-shot examples withheld from a prompt because they repeat the asked question or its gold
     * SQL: by the asked question's id, the withheld example ids in id order. Empty when none was
     * withheld or the run's generator is not at hand (a report written later from the store).
     */
    default Map<String, List<String>> fewShotExclusions() {
        return Map.of();
    }

    /** These details plus the few-shot examples the run withheld ({@link #fewShotExclusions()}). */
    default ReportDetails withFewShotExclusions(Map<String, List<String>> withheld) {
        ReportDetails inner = this;
        Map<String, List<String>> copy = new java.util.TreeMap<>();
        withheld.forEach((asked, ids) -> copy.put(asked, List.copyOf(ids)));
        Map<String, List<String>> sorted = java.util.Collections.unmodifiableMap(copy);
        return new ReportDetails() {
            @Override
            public Optional<Question> question(String id) {
                return inner.question(id);
            }

            @Override
            public Optional<ResultDiff.Comparison> sample(Question question, String predictedSql) {
                return inner.sample(question, predictedSql);
            }

            @Override
            public Optional<BaselineComparison> baseline() {
                return inner.baseline();
            }

            @Override
            public Map<String, List<String>> fewShotExclusions() {
                return sorted;
            }
        };
    }

    /** Nothing beyond the items. */
    static ReportDetails none() {
        return new ReportDetails() {
            @Override
            public Optional<Question> question(String id) {
                return Optional.empty();
            }

            @Override
            public Optional<ResultDiff.Comparison> sample(Question question, String predictedSql) {
                return Optional.empty();
            }
        };
    }

    /**
     * Questions from {@code dataset}; samples from {@code results} (give it limits with a row cap
     * of {@link #SAMPLE_ROWS}), or none when null; a baseline when given.
     */
    static ReportDetails of(Dataset dataset, CellResults results, BaselineComparison baseline) {
        return new ReportDetails() {
            @Override
            public Optional<Question> question(String id) {
                return dataset.question(id);
            }

            @Override
            public Optional<ResultDiff.Comparison> sample(Question question, String predictedSql) {
                if (results == null) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(results.load(question, predictedSql).diff());
                } catch (RuntimeException unreachable) {
                    // A database that cannot be opened now leaves the sample out; the verdict stands.
                    return Optional.empty();
                }
            }

            @Override
            public Optional<BaselineComparison> baseline() {
                return Optional.ofNullable(baseline);
            }
        };
    }
}
