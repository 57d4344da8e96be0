package dev.querybench.engine.generation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.prompt.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Question → rendered prompt → model → SQL. Thread-safe when its adapter is. */
public final class SqlGenerator {

    private final PromptContext context;
    private final SqlExtractor extractor;
    private final FewShots fewShots;
    private final Function<Question, SafeExecutor> repairExecutors;
    private final QueryLimits repairLimits;

    /** A generator without few-shot examples or repair. */
    public SqlGenerator(PromptContext context, SqlExtractor extractor) {
        this(context, extractor, null, (SafeExecutor) null, null);
    }

    /**
     * @param fewShots example source for variants that use {@code {{few_shots}}}, or null
     * @param repairExecutor where queries are tried for variants that repair, or null
     * @param repairLimits limits for those tries
     */
    public SqlGenerator(PromptContext context, SqlExtractor extractor, FewShots fewShots, SafeExecutor repairExecutor,
            QueryLimits repairLimits) {
        this(context, extractor, fewShots, everyQuestionOn(repairExecutor), repairLimits);
    }

    private static Function<Question, SafeExecutor> everyQuestionOn(SafeExecutor executor) {
        return executor == null ? null : question -> executor;
    }

    /**
     * A generator for datasets spanning several databases: repairs try each query on its
     * question's own database.
     *
     * @param repairExecutors the executor of a question's database, or null for no repair
     */
    public SqlGenerator(PromptContext context, SqlExtractor extractor, FewShots fewShots,
            Function<Question, SafeExecutor> repairExecutors, QueryLimits repairLimits) {
        this.context = context;
        this.extractor = extractor;
        this.fewShots = fewShots;
        this.repairExecutors = repairExecutors;
        this.repairLimits = repairLimits;
    }

    /**
     * Few-shot examples withheld so far because they repeat the asked question or its gold SQL
     * ({@link FewShots#exclusions()}); empty without few-shot examples.
     */
    public Map<String, List<String>> fewShotExclusions() {
        return fewShots == null ? Map.of() : fewShots.exclusions();
    }

    /** Renders the prompt a model would receive for this question, without calling it. */
    public String render(PromptTemplate template, Question question) {
        Map<String, String> values = new HashMap<>();
        for (String variable : template.variables()) {
            values.put(variable, "few_shots".equals(variable) ? fewShotsFor(template, question)
                    : context.value(variable, question));
        }
        return template.render(values);
    }

    private String fewShotsFor(PromptTemplate template, Question question) {
        if (fewShots == null || template.options().fewShots() == null) {
            throw new TemplateException("prompt variant '" + template.name() + "' uses {{few_shots}} but no examples"
                    + " are available", "set few_shots in its front matter");
        }
        return FewShots.render(fewShots.select(template.options().fewShots(), question));
    }

    /**
     * Renders, calls the model, and extracts the SQL. For a variant with {@code repair: n} the
     * query is tried on the database and, while it fails, sent back with the error, at most n
     * times; every attempt is recorded. Model failures become a Generation with an error.
     */
    public Generation generate(ModelAdapter model, PromptTemplate template, Question question) {
        return generate(model, template, question, 0);
    }

    /**
     * Like {@link #generate(ModelAdapter, PromptTemplate, Question)} for one repeat of an item
     * ({@code repeat} 0 is the first), so that each repeat is answered, and kept, on its own. The
     * answer's provenance covers every call: the retries and fallbacks of the repairs are added up,
     * the model named is the one that gave the final answer.
     */
    public Generation generate(ModelAdapter model, PromptTemplate template, Question question, int repeat) {
        String prompt = render(template, question);
        Completion completion;
        try {
            completion = model.complete(prompt, repeat);
        } catch (ModelException e) {
            return Generation.unanswered(prompt, e.error());
        }
        String sql = extractor.extract(completion.text()).orElse(null);
        int repairs = repairExecutors == null ? 0 : template.options().repairAttempts();
        if (repairs == 0) {
            return sql == null ? new Generation(prompt, completion, null, Generation.NO_SQL)
                    : new Generation(prompt, completion, sql, null);
        }
        List<Attempt> attempts = new ArrayList<>();
        List<Completion> calls = new ArrayList<>();
        calls.add(completion);
        Usage usage = completion.usage();
        Duration latency = completion.latency();
        String conversation = prompt;
        for (int round = 0; ; round++) {
            String error = sql == null ? Generation.NO_SQL : tryOnDatabase(question, sql);
            attempts.add(new Attempt(sql, error));
            if (error == null || round == repairs) {
                break;
            }
            conversation = conversation + "\n\n" + completion.text() + "\n\n" + repairRequest(sql, error);
            try {
                completion = model.complete(conversation, repeat);
            } catch (ModelException e) {
                break;
            }
            calls.add(completion);
            usage = usage.plus(completion.usage());
            latency = latency.plus(completion.latency());
            sql = extractor.extract(completion.text()).orElse(null);
        }
        int retries = calls.stream().mapToInt(c -> c.provenance().retries()).sum();
        int fallbacks = calls.stream().mapToInt(c -> c.provenance().fallbacks()).sum();
        boolean cached = calls.stream().allMatch(c -> c.provenance().cached());
        Provenance provenance = new Provenance(completion.provenance().answeredBy(), retries, fallbacks, cached);
        Completion total = new Completion(completion.text(), usage, latency, completion.finishReason(),
                completion.modelId(), provenance);
        return new Generation(prompt, total, sql, sql == null ? Generation.NO_SQL : null, attempts, calls);
    }

    private String tryOnDatabase(Question question, String sql) {
        try {
            repairExecutors.apply(question).execute(sql, repairLimits);
            return null;
        } catch (QueryExecutionException e) {
            return e.getMessage();
        }
    }

    private static String repairRequest(String sql, String error) {
        return sql == null ? "Your answer contained no SQL query. Reply with one query in a ```sql code block."
                : "The query failed on the database with this error:\n" + error
                        + "\nReply with a corrected query in a ```sql code block.";
    }
}
