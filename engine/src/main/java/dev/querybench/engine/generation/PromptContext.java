package dev.querybench.engine.generation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.SchemaRenderer;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.prompt.TemplateException;
import java.util.function.Supplier;

/**
 * Supplies the values of prompt variables for one database: the schema and sample rows are
 * read once, on first use, and shared by every prompt. Thread-safe.
 */
public final class PromptContext {

    private static final int SAMPLE_ROWS = 3;

    private final DatabaseBackend backend;
    private final Supplier<SchemaSnapshot> schema;
    private final Supplier<String> ddl;
    private final Supplier<String> compactSchema;
    private final Supplier<String> sampleRows;
    private final DialectHints hints = new DialectHints();

    public PromptContext(DatabaseBackend backend) {
        this.backend = backend;
        SchemaRenderer renderer = new SchemaRenderer();
        this.schema = memoize(backend::introspect);
        this.ddl = memoize(() -> renderer.ddl(schema.get()));
        this.compactSchema = memoize(() -> renderer.compact(schema.get()));
        this.sampleRows = memoize(() -> renderer.sampleRows(backend, schema.get(), SAMPLE_ROWS));
    }

    public String value(String variable, Question question) {
        return switch (variable) {
            case "question" -> question.text();
            case "evidence" -> question.evidence().isBlank() ? "(none)" : question.evidence();
            case "schema" -> ddl.get();
            case "schema_compact" -> compactSchema.get();
            case "sample_rows" -> sampleRows.get();
            case "dialect" -> backend.dialect().displayName();
            case "dialect_hints" -> hints.forDialect(backend.dialect());
            default -> throw new TemplateException("no value for prompt variable {{" + variable + "}}",
                    "use one of the variables listed in prompts/README.md");
        };
    }

    public SchemaSnapshot schema() {
        return schema.get();
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = supplier.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
