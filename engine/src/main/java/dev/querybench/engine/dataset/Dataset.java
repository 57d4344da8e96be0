package dev.querybench.engine.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered, immutable list of questions.
 *
 * @param name dataset name
 * @param description one line about it
 * @param questions in file order; ids are unique
 * @param minimumVersions the oldest server each product may run ({@code postgresql},
 *     {@code mysql}, {@code mariadb}, {@code trino}, {@code sqlite} → version such as
 *     {@code 8.0.31}), for features the gold SQL uses; empty when there is no such need
 */
public record Dataset(String name, String description, List<Question> questions, Map<String, String> minimumVersions) {

    public Dataset {
        questions = List.copyOf(questions);
        description = description == null ? "" : description;
        minimumVersions = Collections.unmodifiableMap(new LinkedHashMap<>(
                minimumVersions == null ? Map.of() : minimumVersions));
    }

    public Dataset(String name, String description, List<Question> questions) {
        this(name, description, questions, Map.of());
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public int size() {
        return questions.size();
    }
}
