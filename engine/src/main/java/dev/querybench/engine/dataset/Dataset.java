package dev.querybench.engine.dataset;

import java.util.List;
import java.util.Optional;

/**
 * An ordered, immutable list of questions.
 *
 * @param name dataset name
 * @param description one line about it
 * @param questions in file order; ids are unique
 */
public record Dataset(String name, String description, List<Question> questions) {

    public Dataset {
        questions = List.copyOf(questions);
        description = description == null ? "" : description;
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public int size() {
        return questions.size();
    }
}
