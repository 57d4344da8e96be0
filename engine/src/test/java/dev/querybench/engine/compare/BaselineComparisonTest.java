package dev.querybench.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The default A/B pair of a comparison and a run against its baseline, on runs laid out from items. */
class BaselineComparisonTest {

    private static final List<String> IDS = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("q%02d", i)).toList();
    private static final Dataset DATASET = new Dataset("shop", "", IDS.stream()
            .map(id -> new Question(id, "question " + id, List.of("SELECT 1"), "easy", List.of(), "")).toList());

    private static RunRecord run(String id, String dataset, List<String> variants, List<String> models) {
        return new RunRecord(id, Instant.parse("2026-12-01T10:00:00Z"), "w", dataset, IDS, variants, models, "strict",
                "finished");
    }

    /** Items of one cell: the first {@code answered} questions, of which those in {@code right} pass. */
    private static List<ItemResult> cell(String variant, String model, int answered, Set<String> right) {
        List<ItemResult> items = new ArrayList<>();
        for (String id : IDS.subList(0, answered)) {
            Verdict verdict = right.contains(id) ? Verdict.pass("strict", Set.of(), "")
                    : Verdict.fail("strict", Set.of(), FailureCategory.WRONG_VALUES, "values differ", List.of(), List.of());
            items.add(new ItemResult(new ItemKey(id, variant, model, 0), "p", "a", "SELECT 2", verdict, 10,
                    Usage.NONE, model, null, Instant.EPOCH));
        }
        return items;
    }

    private static Set<String> first(int n) {
        return Set.copyOf(IDS.subList(0, n));
    }

    @Test
    void theDefaultPairIsTheBestPopulatedPairOnTheSameModel() {
        List<ItemResult> items = new ArrayList<>();
        items.addAll(cell("plain", "big", 20, first(10)));
        items.addAll(cell("plain", "small", 3, first(1)));
        items.addAll(cell("hints", "big", 18, first(12)));
        items.addAll(cell("hints", "small", 0, Set.of()));
        RunComparison comparison = RunComparison.of(run("r1", "shop", List.of("plain", "hints"),
                List.of("big", "small")), items, DATASET);
        assertThat(comparison.cells()).extracting(CellKey::label)
                .containsExactly("plain · big", "plain · small", "hints · big", "hints · small");
        // plain·big vs hints·big: 18 questions judged in both; the pairs across models do not count first.
        assertThat(comparison.defaultPair()).get().satisfies(pair -> assertThat(pair).containsExactly(0, 2));

        RunComparison single = RunComparison.of(run("r2", "shop", List.of("plain"), List.of("big", "small")),
                items.subList(0, 23), DATASET);
        assertThat(single.defaultPair()).get().satisfies(pair -> assertThat(pair).containsExactly(0, 1));
        RunComparison alone = RunComparison.of(run("r3", "shop", List.of("plain"), List.of("big")),
                items.subList(0, 20), DATASET);
        assertThat(alone.defaultPair()).isEmpty();
    }

    @Test
    void aRunAgainstItsBaselineNamesImprovementsAndRegressionsWithTheExactTest() {
        RunComparison baseline = RunComparison.of(run("before", "shop", List.of("plain"), List.of("big")),
                cell("plain", "big", 20, first(10)), DATASET);
        Set<String> nowRight = new java.util.HashSet<>(first(8));
        nowRight.addAll(IDS.subList(10, 16));
        List<ItemResult> items = new ArrayList<>(cell("plain", "big", 20, nowRight));
        items.addAll(cell("hints", "big", 20, first(5)));
        RunComparison after = RunComparison.of(run("after", "shop", List.of("plain", "hints"), List.of("big")), items,
                DATASET);

        BaselineComparison delta = BaselineComparison.of(after, baseline);
        BaselineComparison.CellDelta plain = delta.cell(new CellKey("plain", "big")).orElseThrow();
        assertThat(plain.improvements()).containsExactly("q11", "q12", "q13", "q14", "q15", "q16");
        assertThat(plain.regressions()).containsExactly("q09", "q10");
        // Exact two-sided binomial tail for 2 of 8 discordant pairs: 2 · (1 + 8 + 28) / 256.
        assertThat(plain.test().orElseThrow().pValue()).isCloseTo(74.0 / 256, within(1e-12));
        assertThat(delta.cell(new CellKey("hints", "big")).orElseThrow().test()).as("the baseline has no hints cell")
                .isEmpty();
        assertThat(delta.improved()).hasSize(6);
        assertThat(delta.regressed()).containsExactlyInAnyOrder("q09", "q10");

        RunComparison other = RunComparison.of(run("elsewhere", "bird", List.of("plain"), List.of("big")),
                cell("plain", "big", 20, first(10)), DATASET);
        assertThatThrownBy(() -> BaselineComparison.of(after, other)).isInstanceOf(QueryBenchException.class)
                .hasMessageContaining("not shop");
        assertThatThrownBy(() -> BaselineComparison.of(after, after)).isInstanceOf(QueryBenchException.class);
    }
}
