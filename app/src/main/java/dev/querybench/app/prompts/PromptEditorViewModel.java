package dev.querybench.app.prompts;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.Highlight;
import dev.querybench.app.text.SqlHighlighter;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.prompt.PromptFiles;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The prompt editor: the variant files of the workspace, the selected one's text with
 * {@code {{variables}}} and SQL highlighted and its problems listed as it is typed, a preview of
 * the prompt exactly as a model receives it for a chosen question (schema and few-shots
 * filled in) with a token estimate, a line diff against another variant, and a guard against
 * losing unsaved changes. File reads, writes and rendering run on the {@link TaskRunner}.
 */
public final class PromptEditorViewModel {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final PromptFiles files;
    private final SqlGenerator generator;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Map<String, Question> questionsById = new HashMap<>();
    private final SqlHighlighter highlighter = new SqlHighlighter();
    private final Map<String, String> savedTexts = new HashMap<>();

    private final ObservableList<String> variants = FXCollections.observableArrayList();
    private final ObservableList<String> variantsView = FXCollections.unmodifiableObservableList(variants);
    private final ReadOnlyObjectWrapper<String> selectedFile = new ReadOnlyObjectWrapper<>(this, "selectedFile");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper(this, "savedText", "");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyObjectWrapper<List<Highlight>> highlights =
            new ReadOnlyObjectWrapper<>(this, "highlights", List.of());
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    // Kept as fields: an unmodifiable view only forwards changes while someone holds it.
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final List<PreviewQuestion> questions;
    private final ObjectProperty<PreviewQuestion> previewQuestion = new SimpleObjectProperty<>(this, "previewQuestion");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper(this, "previewText", "");
    private final ReadOnlyStringWrapper tokenText = new ReadOnlyStringWrapper(this, "tokenText", "");
    private final ReadOnlyBooleanWrapper previewBusy = new ReadOnlyBooleanWrapper(this, "previewBusy");
    private final ObjectProperty<String> diffAgainst = new SimpleObjectProperty<>(this, "diffAgainst");
    private final ReadOnlyStringWrapper diffText = new ReadOnlyStringWrapper(this, "diffText", "");
    private final ReadOnlyObjectWrapper<List<Highlight>> diffHighlights =
            new ReadOnlyObjectWrapper<>(this, "diffHighlights", List.of());
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper(this, "diffSummary", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper(this, "hasSelection");
    private boolean previewRunning;
    private boolean previewStale;

    public PromptEditorViewModel(PromptFiles files, List<Question> dataset, SqlGenerator generator, TaskRunner tasks,
            DialogService dialogs) {
        this.files = files;
        this.generator = generator;
        this.tasks = tasks;
        this.dialogs = dialogs;
        dataset.forEach(q -> questionsById.put(q.id(), q));
        this.questions = dataset.stream().map(q -> new PreviewQuestion(q.id(), q.text())).toList();
        previewQuestion.set(questions.isEmpty() ? null : questions.getFirst());
        dirty.bind(Bindings.createBooleanBinding(() -> selectedFile.get() != null && !text.get().equals(savedText.get()),
                text, savedText, selectedFile));
        hasSelection.bind(selectedFile.isNotNull());
        text.addListener((obs, was, is) -> textChanged());
        previewQuestion.addListener((obs, was, is) -> refreshPreview());
        diffAgainst.addListener((obs, was, is) -> refreshDiff());
    }

    /** Reads the variant files and opens the first. */
    public void activate() {
        tasks.submit(files::list, list -> {
            savedTexts.clear();
            list.forEach(f -> savedTexts.put(f.fileName(), f.text()));
            variants.setAll(list.stream().map(PromptFiles.PromptFile::fileName).toList());
            if (selectedFile.get() == null && !variants.isEmpty()) {
                show(variants.getFirst());
            }
        }, failure -> statusText.set(Explanation.of(failure).oneLine()));
    }

    // ---- intents

    /**
     * Opens a variant; with unsaved changes the user is asked first.
     *
     * @return false when the user kept the unsaved changes
     */
    public boolean open(String fileName) {
        if (fileName == null || fileName.equals(selectedFile.get())) {
            return true;
        }
        if (!confirmDiscard()) {
            return false;
        }
        show(fileName);
        return true;
    }

    /** Writes the text to its file. */
    public void save() {
        String file = selectedFile.get();
        if (file == null) {
            return;
        }
        String content = text.get();
        tasks.submit(() -> files.save(file, content), path -> {
            savedTexts.put(file, content);
            if (file.equals(selectedFile.get())) {
                savedText.set(content);
            }
            statusText.set("Saved " + file + (problems.isEmpty() ? "." : " with " + problems.size()
                    + " problem(s); runs refuse it until they are fixed."));
            refreshDiff();
        }, failure -> statusText.set("Not saved: " + Explanation.of(failure).oneLine()));
    }

    /** Throws away unsaved changes. */
    public void revert() {
        text.set(savedText.get());
    }

    /** Creates a variant from the usual template. */
    public void newVariant(String name) {
        create(name, PromptFiles.newVariantText(name), "Created ");
    }

    /** Creates a copy of the shown text under a new name. */
    public void duplicate(String name) {
        create(name, text.get(), "Duplicated as ");
    }

    /** Renames the shown variant: a new file with the new name (and its unsaved text), the old one removed. */
    public void rename(String name) {
        String old = selectedFile.get();
        if (old == null) {
            return;
        }
        String content = text.get();
        tasks.submit(() -> files.rename(old, name, content), created -> {
            savedTexts.remove(old);
            savedTexts.put(created.fileName(), created.text());
            variants.set(variants.indexOf(old), created.fileName());
            show(created.fileName());
            statusText.set("Renamed " + old + " to " + created.fileName() + ".");
        }, failure -> statusText.set("Not renamed: " + Explanation.of(failure).oneLine()));
    }

    /** Deletes the shown variant's file after asking. */
    public void delete() {
        String file = selectedFile.get();
        if (file == null || !dialogs.confirm("Delete prompt variant", "Delete " + file + "? Stored runs keep their"
                + " results, but the variant can no longer be run.", "Delete")) {
            return;
        }
        tasks.submit(() -> {
            files.delete(file);
            return file;
        }, deleted -> {
            savedTexts.remove(deleted);
            int index = variants.indexOf(deleted);
            variants.remove(deleted);
            selectedFile.set(null);
            if (!variants.isEmpty()) {
                show(variants.get(Math.max(0, Math.min(index, variants.size() - 1))));
            } else {
                savedText.set("");
                text.set("");
            }
            statusText.set("Deleted " + deleted + ".");
        }, failure -> statusText.set("Not deleted: " + Explanation.of(failure).oneLine()));
    }

    /** True when nothing unsaved would be lost, or the user agreed to lose it; call before closing. */
    public boolean confirmDiscard() {
        return !dirty.get() || dialogs.confirm("Unsaved changes", selectedFile.get()
                + " has changes that are not saved. Discard them?", "Discard changes");
    }

    // ---- work

    private void create(String name, String content, String verb) {
        if (!confirmDiscard()) {
            return;
        }
        tasks.submit(() -> files.create(name, content), created -> {
            savedTexts.put(created.fileName(), created.text());
            variants.add(created.fileName());
            FXCollections.sort(variants);
            show(created.fileName());
            statusText.set(verb + created.fileName() + ".");
        }, failure -> statusText.set(Explanation.of(failure).oneLine()));
    }

    private void show(String fileName) {
        String content = savedTexts.getOrDefault(fileName, "");
        selectedFile.set(fileName);
        savedText.set(content);
        if (text.get().equals(content)) {
            textChanged();
        } else {
            text.set(content);
        }
        if (fileName.equals(diffAgainst.get())) {
            diffAgainst.set(null);
        } else {
            refreshDiff();
        }
    }

    private void textChanged() {
        String current = text.get();
        String file = selectedFile.get() == null ? "untitled.prompt" : selectedFile.get();
        problems.setAll(files.check(file, current));
        highlights.set(highlight(current));
        refreshPreview();
        refreshDiff();
    }

    private List<Highlight> highlight(String current) {
        List<Highlight> out = new ArrayList<>();
        int frontEnd = current.startsWith("---\n") ? current.indexOf("\n---\n", 3) : -1;
        if (frontEnd > 0) {
            out.add(new Highlight(0, frontEnd + 4, "prompt-front-matter"));
        }
        for (Highlight h : highlighter.syntax(current)) {
            String word = current.substring(h.start(), h.end());
            // Prose says "with" and "and"; only keywords written as SQL (upper case) are coloured.
            if (!h.styleClass().equals("sql-keyword") || word.equals(word.toUpperCase(Locale.ROOT))) {
                if (h.start() > frontEnd || !h.styleClass().startsWith("sql-")) {
                    out.add(h);
                }
            }
        }
        Matcher m = VARIABLE.matcher(current);
        while (m.find()) {
            if (!PromptTask.SQL_GENERATION.variables().contains(m.group(1))
                    && !PromptTask.SQL_JUDGE.variables().contains(m.group(1))) {
                out.add(new Highlight(m.start(), m.end(), "sql-variable-unknown"));
            }
        }
        return out;
    }

    private void refreshPreview() {
        if (previewRunning) {
            previewStale = true;
            return;
        }
        PreviewQuestion chosen = previewQuestion.get();
        if (selectedFile.get() == null || chosen == null) {
            previewText.set("");
            tokenText.set("");
            return;
        }
        if (!problems.isEmpty()) {
            previewText.set("Fix the problems listed under the editor to see the prompt as the model receives it.");
            tokenText.set("");
            return;
        }
        String file = selectedFile.get();
        String current = text.get();
        Question question = questionsById.get(chosen.id());
        previewRunning = true;
        previewBusy.set(true);
        tasks.submit(() -> {
            PromptTemplate template = files.parse(file, current);
            return generator.render(template, question);
        }, rendered -> {
            previewDone();
            previewText.set(rendered);
            tokenText.set("≈ " + String.format(Locale.ROOT, "%,d", PromptFiles.estimateTokens(rendered))
                    + " tokens · " + String.format(Locale.ROOT, "%,d", rendered.length()) + " characters");
        }, failure -> {
            previewDone();
            previewText.set("The prompt could not be rendered: " + Explanation.of(failure).oneLine());
            tokenText.set("");
        });
    }

    private void previewDone() {
        previewRunning = false;
        previewBusy.set(false);
        if (previewStale) {
            previewStale = false;
            refreshPreview();
        }
    }

    private void refreshDiff() {
        String other = diffAgainst.get();
        if (other == null || !savedTexts.containsKey(other) || selectedFile.get() == null) {
            diffText.set("");
            diffHighlights.set(List.of());
            diffSummary.set(variants.size() < 2 ? "" : "Choose a variant to compare with.");
            return;
        }
        List<PromptFiles.DiffLine> lines = PromptFiles.diff(savedTexts.get(other), text.get());
        StringBuilder out = new StringBuilder();
        List<Highlight> marks = new ArrayList<>();
        int added = 0;
        int removed = 0;
        for (PromptFiles.DiffLine line : lines) {
            int start = out.length();
            String prefix = switch (line.kind()) {
                case SAME -> "  ";
                case ADDED -> "+ ";
                case REMOVED -> "- ";
            };
            out.append(prefix).append(line.text()).append('\n');
            if (line.kind() == PromptFiles.DiffLine.Kind.ADDED) {
                added++;
                marks.add(new Highlight(start, out.length() - 1, "diff-added"));
            } else if (line.kind() == PromptFiles.DiffLine.Kind.REMOVED) {
                removed++;
                marks.add(new Highlight(start, out.length() - 1, "diff-removed"));
            }
        }
        diffText.set(out.toString());
        diffHighlights.set(marks);
        diffSummary.set("- " + other + " · + " + selectedFile.get() + ": " + added + " lines added, " + removed
                + " removed");
    }

    // ---- properties

    public ObservableList<String> variants() {
        return variantsView;
    }

    public ReadOnlyObjectProperty<String> selectedFileProperty() {
        return selectedFile.getReadOnlyProperty();
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Highlight>> highlightsProperty() {
        return highlights.getReadOnlyProperty();
    }

    /** What stops the variant from being used, one line each; updated as the text changes. */
    public ObservableList<String> problems() {
        return problemsView;
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

    /** The variant file the shown text is compared with, or null. */
    public ObjectProperty<String> diffAgainstProperty() {
        return diffAgainst;
    }

    public ReadOnlyStringProperty diffTextProperty() {
        return diffText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Highlight>> diffHighlightsProperty() {
        return diffHighlights.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    /** What the last save, create, rename or delete did. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }
}
