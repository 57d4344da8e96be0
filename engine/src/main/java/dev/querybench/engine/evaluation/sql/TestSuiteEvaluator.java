package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.ExecutionEvaluator;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test-suite matching: a database with several instances (the same schema with different data)
 * passes a prediction only when it matches gold on every instance, which catches queries that
 * are right on one set of rows by accident. Instances are tried in order and the first that
 * does not pass decides the verdict; its reason says which instance that was. A pass is
 * {@code vacuous} only when it is vacuous on every instance. Thread-safe when the instance
 * evaluators are.
 */
public final class TestSuiteEvaluator implements ExecutionEvaluator {

    /** The verdict was reached on several instances of the database. */
    public static final String FLAG_TEST_SUITE = "test-suite";

    /** One instance of the database, with the evaluator that runs queries on it. */
    public record Instance(String name, EvaluationStrategy evaluator) {}

    private final String id;
    private final List<Instance> instances;

    /** @param instances at least one; the database's main instance first */
    public TestSuiteEvaluator(String id, List<Instance> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a test suite needs at least one instance");
        }
        this.id = id;
        this.instances = List.copyOf(instances);
    }

    @Override
    public String id() {
        return id;
    }

    public List<Instance> instances() {
        return instances;
    }

    @Override
    public Verdict evaluate(Question question, String predictedSql) {
        if (instances.size() == 1) {
            return instances.getFirst().evaluator().evaluate(question, predictedSql);
        }
        Set<String> flags = new TreeSet<>();
        boolean vacuousEverywhere = true;
        Verdict last = null;
        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get(i);
            Verdict v = instance.evaluator().evaluate(question, predictedSql);
            if (v.outcome() != Outcome.PASS) {
                Set<String> failed = new TreeSet<>(v.flags());
                failed.add(FLAG_TEST_SUITE);
                return new Verdict(v.outcome(), v.score(), v.mode(), failed, v.failureCategory(),
                        "on instance '" + instance.name() + "' (" + (i + 1) + " of " + instances.size() + "): "
                                + v.reason(), v.missingRows(), v.extraRows());
            }
            flags.addAll(v.flags());
            vacuousEverywhere &= v.flags().contains(ResultComparator.FLAG_VACUOUS);
            last = v;
        }
        if (!vacuousEverywhere) {
            flags.remove(ResultComparator.FLAG_VACUOUS);
        }
        flags.add(FLAG_TEST_SUITE);
        return Verdict.pass(last.mode(), flags, "matches on all " + instances.size() + " instances");
    }
}
