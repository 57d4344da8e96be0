package dev.querybench.engine.prompt;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** What a template is for, and the variables that task provides. */
public enum PromptTask {
    SQL_GENERATION("sql-generation", Set.of("question", "schema", "schema_compact", "dialect", "dialect_hints",
            "sample_rows", "evidence", "few_shots")),
    SQL_JUDGE("sql-judge", Set.of("question", "schema", "dialect", "gold_sql", "predicted_sql", "gold_rows",
            "predicted_rows"));

    private final String id;
    private final Set<String> variables;

    PromptTask(String id, Set<String> variables) {
        this.id = id;
        this.variables = variables;
    }

    public String id() {
        return id;
    }

    /** Variables a template of this task may use. */
    public Set<String> variables() {
        return variables;
    }

    public static Optional<PromptTask> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
