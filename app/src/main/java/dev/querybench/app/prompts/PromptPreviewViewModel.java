package dev.querybench.app.prompts;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.prompt.PromptFiles;
import dev.querybench.engine.prompt.PromptTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;

/**
 * The prompt exactly as a model receives it for a chosen question (schema and few-shots filled
 * in), with a token estimate. Rendering runs on the {@link TaskRunner}, one at a time: edits made
 * meanwhile render once it is done.
 */
public final class PromptPreviewViewModel {

    private final PromptFiles files;
    private final SqlGenerator generator;
    private final TaskRunner tasks;
    private final ObservableValue<String> file;
    private final ObservableValue<String> text;
    private final ObservableList<String> problems;
    private final Map<String, Question> questionsById = new HashMap<>();
    private final List<PreviewQuestion> questions;
    private final ObjectProperty<PreviewQuestion> previewQuestion = new SimpleObjectProperty<>(this, "previewQuestion");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper(this, "previewText", "");
    private final ReadOnlyStringWrapper tokenText = new ReadOnlyStringWrapper(this, "tokenText", "");
    private final ReadOnlyBooleanWrapper previewBusy = new ReadOnlyBooleanWrapper(this, "previewBusy");
    private boolean previewRunning;
    private boolean previewStale;

    /** Previews {@code text} of {@code file} unless it has {@code problems}. */
    PromptPreviewViewModel(PromptFiles files, List<Question> dataset, SqlGenerator generator, TaskRunner tasks,
            ObservableValue<String> file, ObservableValue<String> text, ObservableList<String> problems) {
        this.files = files;
        this.generator = generator;
        this.tasks = tasks;
        this.file = file;
        this.text = text;
        this.problems = problems;
        dataset.forEach(q -> questionsById.put(q.id(), q));
        this.questions = dataset.stream().map(q -> new PreviewQuestion(q.id(), q.text())).toList();
        previewQuestion.set(questions.isEmpty() ? null : questions.getFirst());
        previewQuestion.addListener((obs, was, is) -> refresh());
    }

    void refresh() {
        if (previewRunning) {
            previewStale = true;
            return;
        }
        PreviewQuestion chosen = previewQuestion.get();
        if (file.getValue() == null || chosen == null) {
            previewText.set("");
            tokenText.set("");
            return;
        }
        if (!problems.isEmpty()) {
            previewText.set("Fix the problems listed under the editor to see the prompt as the model receives it.");
            tokenText.set("");
            return;
        }
        String name = file.getValue();
        String current = text.getValue();
        Question question = questionsById.get(chosen.id());
        previewRunning = true;
        previewBusy.set(true);
        tasks.submit(() -> {
            PromptTemplate template = files.parse(name, current);
            return generator.render(template, question);
        }, rendered -> {
            done();
            previewText.set(rendered);
            tokenText.set("≈ " + String.format(Locale.ROOT, "%,d", PromptFiles.estimateTokens(rendered))
                    + " tokens · " + String.format(Locale.ROOT, "%,d", rendered.length()) + " characters");
        }, failure -> {
            done();
            previewText.set("The prompt could not be rendered: " + Explanation.of(failure).oneLine());
            tokenText.set("");
        });
    }

    private void done() {
        previewRunning = false;
        previewBusy.set(false);
        if (previewStale) {
            previewStale = false;
            refresh();
        }
    }

    public List<PreviewQuestion> questions() {
        return questions;
    }

    public ObjectProperty<PreviewQuestion> previewQuestionProperty() {
        return previewQuestion;
    }

    /** The prompt exactly as the model receives it for the chosen question. */
    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    /** "≈ 1,234 tokens · 4,930 characters". */
    public ReadOnlyStringProperty tokenTextProperty() {
        return tokenText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewBusyProperty() {
        return previewBusy.getReadOnlyProperty();
    }
}
