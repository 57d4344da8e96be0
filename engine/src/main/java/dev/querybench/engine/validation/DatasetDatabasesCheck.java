package dev.querybench.engine.validation;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.session.QuestionDatabases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a dataset whose questions name their own databases ({@link QuestionDatabases}): every
 * database the dataset names is opened, its schema verified against the gold SQL of the
 * questions that name it, and, with gold-checking on, every gold query is run on its own
 * question's database and on each of that database's test-suite instances. Databases nobody
 * knows and databases that cannot be opened are reported with the ids of the questions that
 * name them, so one check lists every dataset problem.
 *
 * <p>Immutable and thread-safe; a check runs its queries one after another.
 */
public final class DatasetDatabasesCheck {

    private static final GoldCheck.ResultListener NO_RESULTS = (question, sql, result) -> { };

    private final QueryLimits limits;

    public DatasetDatabasesCheck(QueryLimits limits) {
        this.limits = limits;
    }

    /**
     * One instance of one database, checked.
     *
     * @param database the name questions use
     * @param instance the instance's name (the database's own name, a profile or a file name)
     * @param main whether this is the database itself rather than a test-suite instance
     * @param serverVersion what the database reports
     * @param schema the tables and columns the questions' gold SQL reads, verified here
     * @param gold the gold-check of those questions here, or null when only the schema was checked
     */
    public record InstanceReport(String database, String instance, boolean main, String serverVersion,
            SchemaVerifier.Report schema, GoldCheck.Report gold) {

        public boolean ok() {
            return schema.ok() && (gold == null || gold.ok());
        }
    }

    /**
     * A database some questions name that cannot be used.
     *
     * @param database the name the questions give
     * @param questionIds the questions that name it, in dataset order
     * @param error what is wrong (not known, or cannot be opened) and the fix
     */
    public record Problem(String database, List<String> questionIds, ErrorResponse error) {
        public Problem {
            questionIds = List.copyOf(questionIds);
        }
    }

    /**
     * The whole dataset's check.
     *
     * @param instances every instance of every usable database, in order of first use
     * @param problems databases that are unknown or cannot be opened
     */
    public record Report(List<InstanceReport> instances, List<Problem> problems) {
        public Report {
            instances = List.copyOf(instances);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty() && instances.stream().allMatch(InstanceReport::ok);
        }

        /** Distinct databases that could be checked. */
        public long databases() {
            return instances.stream().filter(InstanceReport::main).count();
        }
    }

    /** True when some question names a database of its own. */
    public static boolean spansDatabases(Dataset dataset) {
        return dataset.questions().stream().anyMatch(q -> !q.database().isBlank());
    }

    /** Opens every database the dataset names and verifies its schema; runs no gold query. */
    public Report reachability(Dataset dataset, QuestionDatabases databases) {
        return check(dataset, databases, false, NO_RESULTS);
    }

    /** As {@link #reachability}, and runs every gold query on its question's database and every instance of it. */
    public Report goldCheck(Dataset dataset, QuestionDatabases databases) {
        return goldCheck(dataset, databases, NO_RESULTS);
    }

    /**
     * As {@link #goldCheck(Dataset, QuestionDatabases)}, handing each gold result on a question's own
     * database to {@code results} as it arrives; results on test-suite instances are only in the report.
     */
    public Report goldCheck(Dataset dataset, QuestionDatabases databases, GoldCheck.ResultListener results) {
        return check(dataset, databases, true, results);
    }

    private Report check(Dataset dataset, QuestionDatabases databases, boolean runGold,
            GoldCheck.ResultListener results) {
        Map<String, List<Question>> byName = new LinkedHashMap<>();
        for (Question q : dataset.questions()) {
            byName.computeIfAbsent(q.database(), k -> new ArrayList<>()).add(q);
        }
        List<Problem> problems = new ArrayList<>();
        // questions without a database and those naming the default profile share one target
        Map<String, QuestionDatabases.Target> targets = new LinkedHashMap<>();
        Map<String, List<Question>> questionsOf = new LinkedHashMap<>();
        byName.forEach((name, questions) -> {
            List<String> ids = questions.stream().map(Question::id).toList();
            try {
                QuestionDatabases.Target target = databases.of(questions.getFirst());
                targets.putIfAbsent(target.name(), target);
                questionsOf.computeIfAbsent(target.name(), k -> new ArrayList<>()).addAll(questions);
            } catch (UnknownDatabaseException e) {
                problems.add(new Problem(name, ids, new ErrorResponse(e.error().category(), false, "database '" + name
                        + "' is not known; named by " + questionList(ids) + "; known databases: "
                        + (e.known().isEmpty() ? "none" : String.join(", ", e.known())), e.error().remedy())));
            } catch (QueryBenchException e) {
                problems.add(new Problem(name, ids, new ErrorResponse(e.error().category(), e.error().retryable(),
                        "database '" + name + "' (named by " + questionList(ids) + ") cannot be opened: "
                                + e.error().message(), e.error().remedy())));
            }
        });
        List<InstanceReport> instances = new ArrayList<>();
        targets.forEach((name, target) -> {
            List<Question> questions = questionsOf.get(name);
            List<String> ids = questions.stream().map(Question::id).toList();
            Dataset part = new Dataset(dataset.name(), dataset.description(), questions, dataset.minimumVersions());
            for (int i = 0; i < target.instances().size(); i++) {
                QuestionDatabases.Instance instance = target.instances().get(i);
                try {
                    String version = instance.backend().serverVersion();
                    SchemaVerifier.Report schema = new SchemaVerifier().verify(part, instance.backend().introspect(),
                            version);
                    GoldCheck.Report gold = !runGold ? null
                            : new GoldCheck(instance.executor(), limits).run(part, i == 0 ? results : NO_RESULTS);
                    instances.add(new InstanceReport(name, instance.name(), i == 0, version, schema, gold));
                } catch (QueryBenchException e) {
                    problems.add(new Problem(name, ids, new ErrorResponse(e.error().category(), e.error().retryable(),
                            "database '" + name + "'" + (i == 0 ? "" : ", instance '" + instance.name() + "',")
                                    + " (named by " + questionList(ids) + ") cannot be read: " + e.error().message(),
                            e.error().remedy())));
                }
            }
        });
        return new Report(instances, problems);
    }

    private static String questionList(List<String> ids) {
        int shown = Math.min(10, ids.size());
        return (ids.size() == 1 ? "question " : "questions ") + String.join(", ", ids.subList(0, shown))
                + (ids.size() > shown ? " … and " + (ids.size() - shown) + " more" : "");
    }
}
