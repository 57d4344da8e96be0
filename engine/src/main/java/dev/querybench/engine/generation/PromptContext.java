package dev.querybench.engine.generation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.SchemaRenderer;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.prompt.TemplateException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Supplies the values of prompt variables: the schema and sample rows of each database are read
 * once, on first use, and shared by every prompt asked of it. For datasets spanning several
 * databases the context routes each question to its own database, so a prompt shows that
 * question's schema. Thread-safe.
 */
public final class PromptContext {

    private static final int SAMPLE_ROWS = 3;

    private final DatabaseBackend backend;
    private final Function<Question, DatabaseBackend> router;
    private final Map<DatabaseBackend, Values> values = new ConcurrentHashMap<>();
    private final DialectHints hints = new DialectHints();

    /** A context in which every question is asked of one database. */
    public PromptContext(DatabaseBackend backend) {
        this(backend, question -> backend);
    }

    /**
     * @param backend the database of {@link #schema()}, which names no question
     * @param router the database a question is asked of; may throw
     *     {@link dev.querybench.engine.db.UnknownDatabaseException}, which reaches the caller
     */
    public PromptContext(DatabaseBackend backend, Function<Question, DatabaseBackend> router) {
        this.backend = backend;
        this.router = router;
    }

    public String value(String variable, Question question) {
        return switch (variable) {
            case "question" -> question.text();
            case "evidence" -> question.evidence().isBlank() ? "(none)" : question.evidence();
            case "schema" -> valuesFor(question).ddl.get();
            case "schema_compact" -> valuesFor(question).compactSchema.get();
            case "sample_rows" -> valuesFor(question).sampleRows.get();
            case "dialect" -> router.apply(question).dialect().displayName();
            case "dialect_hints" -> hints.forDialect(router.apply(question).dialect());
            default -> throw new TemplateException("no value for prompt variable {{" + variable + "}}",
                    "use one of the variables listed in prompts/README.md");
        };
    }

    /** The schema of the context's main database. */
    public SchemaSnapshot schema() {
        return values(backend).schema.get();
    }

    /** The schema of the database the question is asked of. */
    public SchemaSnapshot schema(Question question) {
        return valuesFor(question).schema.get();
    }

    private Values valuesFor(Question question) {
        return values(router.apply(question));
    }

    private Values values(DatabaseBackend database) {
        return values.computeIfAbsent(database, Values::new);
    }

    /** One database's prompt values, each read on first use. */
    private static final class Values {
        private final Supplier<SchemaSnapshot> schema;
        private final Supplier<String> ddl;
        private final Supplier<String> compactSchema;
        private final Supplier<String> sampleRows;

        Values(DatabaseBackend backend) {
            SchemaRenderer renderer = new SchemaRenderer();
            this.schema = memoize(backend::introspect);
            this.ddl = memoize(() -> renderer.ddl(schema.get()));
            this.compactSchema = memoize(() -> renderer.compact(schema.get()));
            this.sampleRows = memoize(() -> renderer.sampleRows(backend, schema.get(), SAMPLE_ROWS));
        }
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
