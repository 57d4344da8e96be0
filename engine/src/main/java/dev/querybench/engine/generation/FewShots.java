package dev.querybench.engine.generation;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.prompt.PromptOptions.FewShotSpec;
import dev.querybench.engine.prompt.TemplateException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Chooses few-shot examples from a dataset for a target question, never the target itself: a
 * fixed list, a seeded random draw, or the most similar questions by embedding (langchain4j's
 * in-process all-MiniLM-L6-v2, which runs offline; question embeddings are computed once).
 * Thread-safe.
 */
public final class FewShots {

    private final List<Question> pool;
    private final Map<String, Question> byId;
    private final Supplier<EmbeddingModel> model;
    private volatile Map<String, Embedding> embeddings;
    private final Map<String, java.util.Set<String>> excluded = new java.util.concurrent.ConcurrentHashMap<>();

    public FewShots(List<Question> pool) {
        this(pool, AllMiniLmL6V2EmbeddingModel::new);
    }

    public FewShots(List<Question> pool, Supplier<EmbeddingModel> model) {
        this.pool = List.copyOf(pool);
        this.byId = this.pool.stream().collect(Collectors.toMap(Question::id, Function.identity(), (a, b) -> a));
        this.model = model;
    }

    /**
     * Examples for {@code target}. Besides the target itself, every question that would hand the
     * model the answer is left out: one whose normalised text or normalised gold SQL equals the
     * target's (the same question under another id); {@link #exclusions()} lists them.
     */
    public List<Question> select(FewShotSpec spec, Question target) {
        List<Question> others = pool.stream().filter(q -> !q.id().equals(target.id()) && !givesAway(q, target))
                .toList();
        return switch (spec.select()) {
            case "fixed" -> spec.ids().stream().filter(id -> !id.equals(target.id())).map(id -> {
                Question q = byId.get(id);
                if (q == null) {
                    throw new TemplateException("few_shots names question '" + id + "', which is not in the dataset",
                            "use ids from the dataset");
                }
                return q;
            }).filter(q -> !givesAway(q, target)).toList();
            case "random" -> {
                List<Question> shuffled = new ArrayList<>(others);
                java.util.Collections.shuffle(shuffled, new Random(spec.seed() ^ target.id().hashCode()));
                yield shuffled.subList(0, Math.min(spec.k(), shuffled.size()));
            }
            default -> similar(target, others, spec.k());
        };
    }

    /**
     * The examples withheld so far because they repeat an asked question or its gold SQL: by the
     * asked question's id, the ids withheld from it, in id order.
     */
    public Map<String, List<String>> exclusions() {
        Map<String, List<String>> copy = new java.util.TreeMap<>();
        excluded.forEach((target, ids) -> copy.put(target, ids.stream().sorted().toList()));
        return copy;
    }

    private boolean givesAway(Question example, Question target) {
        boolean same = normalisedText(example.text()).equals(normalisedText(target.text()))
                || example.gold().stream().map(FewShots::normalisedSql)
                        .anyMatch(g -> target.gold().stream().map(FewShots::normalisedSql).anyMatch(g::equals));
        if (same) {
            excluded.computeIfAbsent(target.id(), t -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(example.id());
        }
        return same;
    }

    /** Case, spacing and the closing punctuation do not make another question. */
    static String normalisedText(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip().replaceAll("[?.!\\s]+$", "");
    }

    /** Case, spacing and a closing semicolon do not make another query. */
    static String normalisedSql(String sql) {
        return sql.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip().replaceAll("[;\\s]+$", "");
    }

    /** Renders examples for the {@code {{few_shots}}} variable. */
    public static String render(List<Question> examples) {
        StringBuilder out = new StringBuilder();
        for (Question q : examples) {
            out.append("Example question: ").append(q.text()).append("\nExample SQL:\n```sql\n")
                    .append(q.primaryGold()).append("\n```\n\n");
        }
        return out.toString().stripTrailing();
    }

    private List<Question> similar(Question target, List<Question> others, int k) {
        Map<String, Embedding> index = index();
        Embedding query = index.containsKey(target.id()) ? index.get(target.id())
                : model.get().embed(target.text()).content();
        return others.stream()
                .sorted(Comparator.comparingDouble((Question q) -> -CosineSimilarity.between(query, index.get(q.id())))
                        .thenComparing(Question::id))
                .limit(k).toList();
    }

    private Map<String, Embedding> index() {
        Map<String, Embedding> current = embeddings;
        if (current == null) {
            synchronized (this) {
                current = embeddings;
                if (current == null) {
                    EmbeddingModel m = model.get();
                    current = new java.util.HashMap<>();
                    for (Question q : pool) {
                        current.put(q.id(), m.embed(q.text()).content());
                    }
                    embeddings = Map.copyOf(current);
                }
            }
        }
        return current;
    }
}
