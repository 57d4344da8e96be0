package dev.querybench.engine.generation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelException;
import dev.querybench.engine.prompt.PromptTemplate;
import java.util.HashMap;
import java.util.Map;

/** Question → rendered prompt → model → SQL. Thread-safe when its adapter is. */
public final class SqlGenerator {

    private final PromptContext context;
    private final SqlExtractor extractor;

    public SqlGenerator(PromptContext context, SqlExtractor extractor) {
        this.context = context;
        this.extractor = extractor;
    }

    /** Renders the prompt a model would receive for this question, without calling it. */
    public String render(PromptTemplate template, Question question) {
        Map<String, String> values = new HashMap<>();
        for (String variable : template.variables()) {
            values.put(variable, context.value(variable, question));
        }
        return template.render(values);
    }

    /** Renders, calls the model once, and extracts the SQL. Model failures become a Generation with an error. */
    public Generation generate(ModelAdapter model, PromptTemplate template, Question question) {
        String prompt = render(template, question);
        Completion completion;
        try {
            completion = model.complete(prompt);
        } catch (ModelException e) {
            return new Generation(prompt, null, null, e.error().message());
        }
        return extractor.extract(completion.text())
                .map(sql -> new Generation(prompt, completion, sql, null))
                .orElseGet(() -> new Generation(prompt, completion, null, "the answer contains no SQL"));
    }
}
