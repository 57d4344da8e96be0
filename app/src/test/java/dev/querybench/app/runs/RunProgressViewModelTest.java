package dev.querybench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.text.CostRule;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** One progress count: the listed items; the engine's progress only lends its timing. */
class RunProgressViewModelTest {

    private final RunProgressViewModel progress = new RunProgressViewModel(new RunSpend(CostRule.engineCosts()));

    @Test
    void countsComeFromTheListedItemsNotFromTheEnginesCountThatRanAhead() {
        progress.plan(new RunRecord("r1", Instant.EPOCH, "w", "d", List.of("q1", "q2", "q3", "q4"), List.of("v"),
                List.of("m"), "strict", "running"), "");
        progress.add(item("q1", true));
        progress.add(item("q2", false));
        // a worker published its progress (3 done, ETA 5s) before the third item reached the screen
        progress.refresh(new RunProgress(4, 3, 2, 1, 0, Duration.ofSeconds(2), Duration.ofSeconds(5)));

        assertThat(progress.doneItemsProperty().get()).isEqualTo(2);
        assertThat(progress.passedItemsProperty().get()).isEqualTo(1);
        assertThat(progress.failedItemsProperty().get()).isEqualTo(1);
        assertThat(progress.progressProperty().get()).isEqualTo(0.5);
        assertThat(progress.shortProgressTextProperty().get()).isEqualTo("2/4 · pass 1 · fail 1 · error 0 · ETA 5.0s");
        assertThat(progress.cards()).singleElement().satisfies(card -> assertThat(card.passed() + card.failed()).isEqualTo(2));
    }

    @Test
    void anOlderTimingArrivingLateDoesNotReplaceANewerOne() {
        progress.plan(new RunRecord("r1", Instant.EPOCH, "w", "d", List.of("q1", "q2"), List.of("v"), List.of("m"),
                "strict", "running"), "");
        progress.add(item("q1", true));
        progress.refresh(new RunProgress(2, 1, 1, 0, 0, Duration.ofSeconds(3), Duration.ofSeconds(3)));
        progress.add(item("q2", true));
        progress.refresh(new RunProgress(2, 1, 1, 0, 0, Duration.ofSeconds(1), Duration.ofSeconds(9)));

        assertThat(progress.shortProgressTextProperty().get()).isEqualTo("2/2 · pass 2 · fail 0 · error 0 · ETA 3.0s");
        assertThat(progress.elapsed()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void eachBatchChangesTheCardsOnceWithItsFailureReasonsAlreadyCurrent() {
        // the run screen renders its cards on a change of the cards alone, reasons included
        List<String> seen = new ArrayList<>();
        progress.cards().addListener((ListChangeListener<CellCard>) change -> seen.add(
                progress.cards().stream().mapToInt(c -> c.failed() + c.errors()).sum() + " failed on the cards, "
                        + progress.failureCounts().stream().mapToInt(FailureCount::count).sum() + " in the reasons"));
        // the batch that carries the plan, with two items restored from an earlier session
        progress.plan(new RunRecord("r1", Instant.EPOCH, "w", "d", List.of("q1", "q2", "q3"), List.of("v"),
                List.of("m"), "strict", "running"), "");
        assertThat(seen).as("the plan alone shows nothing before its batch ends").isEmpty();
        progress.add(item("q1", true));
        progress.add(item("q2", false));
        progress.refresh(null);
        progress.add(item("q3", false));
        progress.refresh(null);

        assertThat(seen).containsExactly("1 failed on the cards, 1 in the reasons",
                "2 failed on the cards, 2 in the reasons");
        assertThat(progress.failureCounts()).containsExactly(new FailureCount("Wrong values", 2));
    }

    @Test
    void aBatchWithThePlanAloneShowsAnEmptyCardPerCellAndAZeroTally() {
        List<Integer> changes = new ArrayList<>();
        progress.cards().addListener((ListChangeListener<CellCard>) change -> changes.add(progress.cards().size()));
        progress.plan(new RunRecord("r1", Instant.EPOCH, "w", "d", List.of("q1", "q2"), List.of("v", "w"),
                List.of("m"), "strict", "running"), "");
        progress.refresh(null);

        assertThat(changes).containsExactly(2);
        assertThat(progress.cards()).allSatisfy(card -> assertThat(card.passed() + card.failed() + card.errors()).isZero());
        assertThat(progress.progressProperty().get()).isZero();
        assertThat(progress.shortProgressTextProperty().get()).isEqualTo("0/4 · pass 0 · fail 0 · error 0");
    }

    private static ItemResult item(String question, boolean passed) {
        Verdict verdict = passed ? Verdict.pass("strict", Set.of(), "")
                : Verdict.fail("strict", Set.of(), FailureCategory.WRONG_VALUES, "", List.of(), List.of());
        return new ItemResult(new ItemKey(question, "v", "m", 0), "p", "a", "SELECT 1", verdict, 10, Usage.NONE, "m",
                null, Instant.EPOCH);
    }
}
