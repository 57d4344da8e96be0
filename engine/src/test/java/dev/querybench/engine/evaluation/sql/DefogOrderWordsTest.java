package dev.querybench.engine.evaluation.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a question asks for an order: sql-eval's word test, remembered per question within a bound. */
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
        int seen = DefogComparator.ORDER_WORDS_KEPT + 10;
        for (int i = 0; i < seen; i++) {
            assertThat(comparator.asksForOrder("question " + i + (i % 3 == 0 ? " in order" : ""))).isEqualTo(i % 3 == 0);
            assertThat(comparator.orderWordsKept()).isLessThanOrEqualTo(DefogComparator.ORDER_WORDS_KEPT);
        }
        assertThat(comparator.orderWordsKept()).isPositive();
        // a question seen again, kept or not, gets the same answer
        assertThat(comparator.asksForOrder("question 3 in order")).isTrue();
        assertThat(comparator.asksForOrder("question " + (seen - 2))).isFalse();
    }
}
