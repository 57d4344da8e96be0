package dev.querybench.app.prompts;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.Highlight;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.prompt.PromptFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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

    private final PromptFiles files;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final PromptHighlighter highlighter = new PromptHighlighter();
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
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper(this, "hasSelection");
    private final PromptPreviewViewModel preview;
    private final PromptDiffViewModel diff;

    public PromptEditorViewModel(PromptFiles files, List<Question> dataset, SqlGenerator generator, TaskRunner tasks,
            DialogService dialogs) {
        this.files = files;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.preview = new PromptPreviewViewModel(files, dataset, generator, tasks, selectedFile, text, problems);
        this.diff = new PromptDiffViewModel(savedTexts, variants, selectedFile, text);
        dirty.bind(Bindings.createBooleanBinding(() -> selectedFile.get() != null && !text.get().equals(savedText.get()),
                text, savedText, selectedFile));
        hasSelection.bind(selectedFile.isNotNull());
        text.addListener((obs, was, is) -> textChanged());
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
            diff.refresh();
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
        diff.shown(fileName);
    }

    private void textChanged() {
        String current = text.get();
        String file = selectedFile.get() == null ? "untitled.prompt" : selectedFile.get();
        problems.setAll(files.check(file, current));
        highlights.set(highlighter.highlight(current));
        preview.refresh();
        diff.refresh();
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

    /** The prompt as a model receives it for a chosen question. */
    public PromptPreviewViewModel preview() {
        return preview;
    }

    /** The shown text against another variant. */
    public PromptDiffViewModel diff() {
        return diff;
    }

    /** What the last save, create, rename or delete did. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }
}
