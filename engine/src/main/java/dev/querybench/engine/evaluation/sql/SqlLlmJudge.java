package dev.querybench.engine.evaluation.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.LlmEvaluator;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.generation.PromptContext;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.prompt.PromptTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An LLM judge of SQL equivalence. The judge sees the question, schema, gold and predicted SQL
 * and samples of both results, and must answer with JSON:
 * {@code {"verdict": "equivalent" | "not_equivalent" | "unsure", "score": 0..1, "rationale": "…"}}.
 * "unsure" counts as FAIL with the {@code judge-unsure} flag. The judge model is configured
 * separately from the generating models. Each gold query's sample is computed once and kept
 * for the judge's lifetime (one run). Thread-safe.
 */
public final class SqlLlmJudge extends LlmEvaluator {

    public static final String FLAG_UNSURE = "judge-unsure";
    private static final int SAMPLE_ROWS = 5;
    /** Rows read for a sample: the first few are shown, the rest only counted ("(1000+ rows)" beyond). */
    private static final int SAMPLE_READ_CAP = 1000;
    private static final String NOT_SHOWN = "(not shown: judge the SQL alone)";

    private final PromptTemplate template;
    private final PromptContext context;
    private final Function<Question, SafeExecutor> executors;
    private final QueryLimits limits;
    private final boolean includeRows;
    private final Map<String, String> goldSamples = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final ValueNormalizer normalizer = new ValueNormalizer();

    public SqlLlmJudge(ModelAdapter judge, PromptTemplate template, PromptContext context, SafeExecutor executor,
            QueryLimits limits) {
        this(judge, template, context, executor, limits, true);
    }

    /**
     * @param includeRows whether the judge sees the first rows of both results; when false the
     *     queries are not run for the judge and the row variables say so
     */
    public SqlLlmJudge(ModelAdapter judge, PromptTemplate template, PromptContext context, SafeExecutor executor,
            QueryLimits limits, boolean includeRows) {
        this(judge, judge, template, context, executor, limits, includeRows);
    }

    /**
     * @param retryJudge the judge model asked again after a malformed answer, not reading the
     *     response cache (see {@link LlmEvaluator#LlmEvaluator(ModelAdapter, ModelAdapter)})
     * @param includeRows whether the judge sees the first rows of both results
     */
    public SqlLlmJudge(ModelAdapter judge, ModelAdapter retryJudge, PromptTemplate template, PromptContext context,
            SafeExecutor executor, QueryLimits limits, boolean includeRows) {
        this(judge, retryJudge, template, context, question -> executor, limits, includeRows);
    }

    /**
     * @param executors the executor of each question's own database, where both queries are
     *     sampled for the judge (a dataset may span several databases)
     */
    public SqlLlmJudge(ModelAdapter judge, ModelAdapter retryJudge, PromptTemplate template, PromptContext context,
            Function<Question, SafeExecutor> executors, QueryLimits limits, boolean includeRows) {
        super(judge, retryJudge);
        this.template = template;
        this.context = context;
        this.executors = executors;
        this.limits = limits;
        this.includeRows = includeRows;
    }

    /** The judge prompt's name. */
    public String promptName() {
        return template.name();
    }

    @Override
    public String id() {
        return "llm-judge:" + template.name();
    }

    /**
     * A rendered judge prompt and the problems met while sampling the results shown in it.
     *
     * @param prompt the prompt as a run would send it
     * @param sampleErrors why a query could not be sampled, one per failed query (empty when all ran)
     */
    public record Preview(String prompt, List<String> sampleErrors) {

        public Preview {
            sampleErrors = List.copyOf(sampleErrors);
        }
    }

    /** Renders the prompt for a question and prediction as a run would, saying which samples failed. */
    public Preview preview(Question question, String predictedSql) {
        List<String> errors = new ArrayList<>();
        return new Preview(template.render(values(question, predictedSql, errors)), errors);
    }

    @Override
    protected String prompt(Question question, String predictedSql) {
        return template.render(values(question, predictedSql, new ArrayList<>()));
    }

    private Map<String, String> values(Question question, String predictedSql, List<String> errors) {
        Map<String, String> values = new HashMap<>();
        for (String variable : template.variables()) {
            values.put(variable, switch (variable) {
                case "gold_sql" -> question.primaryGold();
                case "predicted_sql" -> predictedSql == null ? "(no SQL)" : predictedSql;
                case "gold_rows" -> !includeRows ? NOT_SHOWN : goldSample(question, errors);
                case "predicted_rows" -> predictedSql == null ? "(no SQL)" : !includeRows ? NOT_SHOWN
                        : sample(question, predictedSql, errors);
                default -> context.value(variable, question);
            });
        }
        return values;
    }

    /** Gold's sample, taken once per database and gold query; a failed one is not kept. */
    private String goldSample(Question question, List<String> errors) {
        String key = question.database() + "\u0000" + question.primaryGold();
        String known = goldSamples.get(key);
        if (known != null) {
            return known;
        }
        int failedBefore = errors.size();
        String sample = sample(question, question.primaryGold(), errors);
        if (errors.size() == failedBefore) {
            goldSamples.put(key, sample);
        }
        return sample;
    }

    @Override
    protected Verdict read(String answer) {
        JsonNode node = parseJson(answer);
        String verdict = node.path("verdict").asText("").toLowerCase(Locale.ROOT).strip();
        String rationale = node.path("rationale").asText("");
        JsonNode scoreNode = node.get("score");
        if (!Set.of("equivalent", "not_equivalent", "unsure").contains(verdict)) {
            throw new MalformedAnswerException("verdict must be equivalent, not_equivalent or unsure");
        }
        double score = scoreNode != null && scoreNode.isNumber() ? Math.max(0, Math.min(1, scoreNode.asDouble()))
                : "equivalent".equals(verdict) ? 1.0 : 0.0;
        if ("equivalent".equals(verdict)) {
            return new Verdict(Outcome.PASS, score, id(), Set.of(), null, rationale, List.of(), List.of());
        }
        Set<String> flags = "unsure".equals(verdict) ? Set.of(FLAG_UNSURE) : Set.of();
        return new Verdict(Outcome.FAIL, score, id(), flags, FailureCategory.WRONG_VALUES, rationale, List.of(), List.of());
    }

    private JsonNode parseJson(String answer) {
        if (answer == null) {
            throw new MalformedAnswerException("empty answer");
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end <= start) {
            throw new MalformedAnswerException("no JSON object in the answer");
        }
        try {
            JsonNode node = json.readTree(answer.substring(start, end + 1));
            if (!node.isObject()) {
                throw new MalformedAnswerException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedAnswerException("invalid JSON: " + e.getOriginalMessage());
        }
    }

    private String sample(Question question, String sql, List<String> errors) {
        try {
            QueryResult r = executors.apply(question).execute(sql,
                    new QueryLimits(limits.timeout(), Math.min(limits.rowCap(), SAMPLE_READ_CAP)));
            StringBuilder out = new StringBuilder(String.join(" | ", r.columns())).append('\n');
            r.rows().stream().limit(SAMPLE_ROWS).forEach(row -> out.append(row.stream().map(normalizer::display)
                    .collect(Collectors.joining(" | "))).append('\n'));
            out.append("(").append(r.rowCount()).append(r.truncated() ? "+" : "").append(" rows)");
            return out.toString();
        } catch (QueryExecutionException e) {
            errors.add(e.getMessage());
            return "(error: " + e.getMessage() + ")";
        }
    }
}
