package dev.querybench.engine.evaluation.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.QueryResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whether a question asks for an order: sql-eval's word test, remembered per question within a
 * bound; gold's frames, as they are and normalised, are remembered within the same bound.
 */
class DefogOrderWordsTest {

    private final DefogComparator comparator = new DefogComparator();

    @Test
    void readsTheWordsOrderSortAndArrangeAsWholeUnicodeWords() {
        assertThat(comparator.asksForOrder("Sort the names by price")).isTrue();
        assertThat(comparator.asksForOrder("ARRANGE them by date")).isTrue();
        assertThat(comparator.asksForOrder("List the names sorted by price")).isFalse();
        // "é" is a letter in Unicode words, so "ésort" is one word and not "sort"
        assertThat(comparator.asksForOrder("the ésort codes")).isFalse();
    }

    @Test
    void keepsAtMostItsBoundOfQuestionsHoweverManyItSees() {
        int seen = DefogComparator.KEPT + 10;
        for (int i = 0; i < seen; i++) {
            assertThat(comparator.asksForOrder("question " + i + (i % 3 == 0 ? " in order" : ""))).isEqualTo(i % 3 == 0);
            assertThat(comparator.kept().get(2)).isLessThanOrEqualTo(DefogComparator.KEPT);
        }
        assertThat(comparator.kept().get(2)).isPositive();
        // a question seen again, kept or not, gets the same answer
        assertThat(comparator.asksForOrder("question 3 in order")).isTrue();
        assertThat(comparator.asksForOrder("question " + (seen - 2))).isFalse();
    }

    @Test
    void keepsAtMostItsBoundOfGoldFramesHoweverManyGoldQueriesItSees() {
        QueryResult gold = new QueryResult(List.of("a"), List.of(List.of(2), List.of(1)), false, Duration.ZERO);
        QueryResult shuffled = new QueryResult(List.of("a"), List.of(List.of(1), List.of(2)), false, Duration.ZERO);
        int seen = DefogComparator.KEPT + 10;
        for (int i = 0; i < seen; i++) {
            String goldSql = "SELECT a FROM t WHERE " + i + " = " + i;
            DefogComparator.Context context = new DefogComparator.Context("question " + i, "", goldSql);
            // not equal as they are, equal once normalised: both the frame and its normalised form are kept
            assertThat(comparator.compare(goldSql, gold, shuffled, "SELECT a FROM t", context).correct()).isTrue();
            assertThat(comparator.kept()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(DefogComparator.KEPT));
        }
        assertThat(comparator.kept().get(0)).isPositive();
        assertThat(comparator.kept().get(1)).isPositive();
        // a gold query seen again, kept or not, gives the same verdict
        String first = "SELECT a FROM t WHERE 0 = 0";
        assertThat(comparator.compare(first, gold, shuffled, "SELECT a FROM t",
                new DefogComparator.Context("question 0", "", first)).exact()).isTrue();
    }
}
