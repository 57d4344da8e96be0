package dev.querybench.engine.testsuite;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.sql.OrderDetector;
import dev.querybench.engine.evaluation.sql.OrderKeys;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * One question's gold and its neighbours, with what they do on the real database: which
 * neighbours pass there (the ones the suite must catch), how many it already catches, how many a
 * rule set apart. Filled by {@link NeighbourRuns}; not thread-safe.
 */
final class QuestionCase {
    final Question question;
    final String gold;
    final boolean ordered;
    final int[] orderKeys;
    final List<NeighbourGenerator.Neighbour> neighbours = new ArrayList<>();
    final BitSet passOnOriginal = new BitSet();
    int caughtByOriginal;
    int equivalent;
    String problem = "";

    QuestionCase(Question question, String gold) {
        this.question = question;
        this.gold = gold;
        boolean o;
        int[] keys = null;
        try {
            var statement = CCJSqlParserUtil.parse(gold);
            o = OrderDetector.isOrdered(statement);
            keys = o ? OrderKeys.of(statement).orElse(null) : null;
        } catch (Exception | StackOverflowError e) {
            o = OrderDetector.textuallyOrdered(gold);
        }
        this.ordered = o;
        this.orderKeys = keys;
    }

    /** Neighbours that pass on the real database and are not in {@code killed}. */
    BitSet survivors(BitSet killed) {
        BitSet left = (BitSet) passOnOriginal.clone();
        left.andNot(killed);
        return left;
    }

    /** How many of the neighbours that pass on the real database {@code killed} holds. */
    int caught(BitSet killed) {
        BitSet b = (BitSet) killed.clone();
        b.and(passOnOriginal);
        return b.cardinality();
    }

    static BitSet[] newSets(int n) {
        BitSet[] sets = new BitSet[n];
        for (int i = 0; i < n; i++) {
            sets[i] = new BitSet();
        }
        return sets;
    }

    static int count(BitSet[] sets) {
        int n = 0;
        for (BitSet b : sets) {
            n += b.cardinality();
        }
        return n;
    }
}
