package dev.querybench.app.dataset;

import dev.querybench.engine.testsuite.TestSuiteBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The test-suite panel's settings as the user types them: the seed, the most candidates tried and
 * instances kept per database, and the time budget per database in seconds, as {@code querybench
 * dataset testsuite} takes them ({@code --seed}, {@code --candidates}, {@code --max-instances},
 * {@code --budget}). Starts from the command's defaults; {@link #problemProperty()} says what is wrong
 * with the text (empty when nothing is), once, for the label beside the fields; {@link #invalidProperty()}
 * says which fields to mark; {@link #settings()} gives the settings only when they are valid. The other
 * limits (neighbours per gold, timeout, row cap) are the base settings'. FX thread.
 */
public final class TestSuiteSettings {

    /** The fields, to mark the ones {@link #invalidProperty()} holds. */
    public enum Field { SEED, CANDIDATES, INSTANCES, BUDGET }

    static final int MAX_CANDIDATES = 10_000;
    static final int MAX_INSTANCES = 100;
    static final int MAX_BUDGET_SECONDS = 24 * 3600;
    private static final TestSuiteBuilder.Settings DEFAULTS = TestSuiteBuilder.Settings.defaults(1);

    private final TestSuiteBuilder.Settings base;
    private final StringProperty seed = new SimpleStringProperty(this, "seed");
    private final StringProperty candidates = new SimpleStringProperty(this, "candidates");
    private final StringProperty instances = new SimpleStringProperty(this, "instances");
    private final StringProperty budget = new SimpleStringProperty(this, "budget");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<Set<Field>> invalid = new ReadOnlyObjectWrapper<>(this, "invalid", Set.of());

    /** @param base the settings the fields start from, and the limits they do not show */
    public TestSuiteSettings(TestSuiteBuilder.Settings base) {
        this.base = base;
        seed.set(Long.toString(base.seed()));
        candidates.set(Integer.toString(base.candidates()));
        instances.set(Integer.toString(base.maxInstances()));
        budget.set(Long.toString(Math.max(1, base.budget().toSeconds())));
        for (StringProperty field : List.of(seed, candidates, instances, budget)) {
            field.addListener((obs, was, is) -> {
                Check found = check();
                problem.set(found.text());
                invalid.set(found.fields());
            });
        }
    }

    /** The settings the fields hold, or empty when one is not valid ({@link #problemProperty()} says which). */
    public Optional<TestSuiteBuilder.Settings> settings() {
        if (!check().fields().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TestSuiteBuilder.Settings(Long.parseLong(seed.get().strip()),
                Integer.parseInt(instances.get().strip()), Integer.parseInt(candidates.get().strip()), base.patience(),
                base.maxNeighbours(), Duration.ofSeconds(Integer.parseInt(budget.get().strip())), base.limits()));
    }

    /** What is wrong with the fields: one sentence per problem, and the fields to mark. */
    private record Check(String text, Set<Field> fields) {}

    private Check check() {
        List<String> wrong = new ArrayList<>();
        Set<Field> fields = EnumSet.noneOf(Field.class);
        String s = text(seed);
        if (!s.matches("-?\\d{1,18}")) {
            fields.add(Field.SEED);
            wrong.add("Seed must be a whole number, such as 1 (the same seed builds the same suite)");
        }
        Optional<Integer> c = whole(candidates, 1, MAX_CANDIDATES);
        if (c.isEmpty()) {
            fields.add(Field.CANDIDATES);
            wrong.add("Candidates must be a whole number from 1 to " + MAX_CANDIDATES + " (default "
                    + DEFAULTS.candidates() + ")");
        }
        Optional<Integer> i = whole(instances, 1, MAX_INSTANCES);
        if (i.isEmpty()) {
            fields.add(Field.INSTANCES);
            wrong.add("Instances must be a whole number from 1 to " + MAX_INSTANCES + " (default "
                    + DEFAULTS.maxInstances() + ")");
        } else if (c.isPresent() && i.get() > c.get()) {
            fields.add(Field.INSTANCES);
            wrong.add("Instances cannot be more than the candidates they are chosen from (" + c.get() + ")");
        }
        if (whole(budget, 1, MAX_BUDGET_SECONDS).isEmpty()) {
            fields.add(Field.BUDGET);
            wrong.add("Budget must be a number of seconds from 1 to " + MAX_BUDGET_SECONDS + " (default "
                    + DEFAULTS.budget().toSeconds() + ")");
        }
        return new Check(wrong.isEmpty() ? "" : String.join(". ", wrong) + ".", Set.copyOf(fields));
    }

    private static Optional<Integer> whole(StringProperty field, int min, int max) {
        String t = text(field);
        if (!t.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        int v = Integer.parseInt(t);
        return v < min || v > max ? Optional.empty() : Optional.of(v);
    }

    private static String text(StringProperty field) {
        return field.get() == null ? "" : field.get().strip();
    }

    /** Takes the text of every field of {@code other}. */
    void copy(TestSuiteSettings other) {
        seed.set(other.seed.get());
        candidates.set(other.candidates.get());
        instances.set(other.instances.get());
        budget.set(other.budget.get());
    }

    /** Every random choice follows from it. */
    public StringProperty seedProperty() {
        return seed;
    }

    /** Most random databases tried per database. */
    public StringProperty candidatesProperty() {
        return candidates;
    }

    /** Most databases a suite keeps. */
    public StringProperty instancesProperty() {
        return instances;
    }

    /** Seconds per database after which no more candidates are tried. */
    public StringProperty budgetProperty() {
        return budget;
    }

    /**
     * What is wrong with the fields, with how to fix it; empty when they are valid. Shown once, beside
     * the fields: a refused build points at it instead of repeating it.
     */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The fields {@link #problemProperty()} is about (empty when they are valid), for the view to mark. */
    public ReadOnlyObjectProperty<Set<Field>> invalidProperty() {
        return invalid.getReadOnlyProperty();
    }
}
