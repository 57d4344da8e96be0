package dev.querybench.app.runs;

import dev.querybench.engine.dataset.Question;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the dataset's questions a run asks: all of them, one difficulty, or one tag.
 *
 * @param label what the run setup shows, with the number of questions
 * @param questionIds the questions, in dataset order; empty means all
 */
public record QuestionSubset(String label, List<String> questionIds) {

    public QuestionSubset {
        questionIds = List.copyOf(questionIds);
    }

    /** All questions first, then each difficulty and each tag the dataset uses, in first-seen order. */
    public static List<QuestionSubset> of(List<Question> questions) {
        List<QuestionSubset> subsets = new ArrayList<>();
        subsets.add(new QuestionSubset(questions.size() == 1 ? "The 1 question"
                : "All " + questions.size() + " questions", List.of()));
        Map<String, List<String>> byDifficulty = new LinkedHashMap<>();
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        for (Question q : questions) {
            if (!q.difficulty().isBlank()) {
                byDifficulty.computeIfAbsent(q.difficulty(), d -> new ArrayList<>()).add(q.id());
            }
            q.tags().forEach(tag -> byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(q.id()));
        }
        byDifficulty.forEach((d, ids) -> subsets.add(new QuestionSubset("Difficulty " + d + " (" + ids.size() + ")", ids)));
        byTag.forEach((t, ids) -> subsets.add(new QuestionSubset("Tag " + t + " (" + ids.size() + ")", ids)));
        return subsets;
    }

    /** How many questions this subset asks out of {@code all}. */
    public int size(int all) {
        return questionIds.isEmpty() ? all : questionIds.size();
    }

    @Override
    public String toString() {
        return label;
    }
}
