package dev.querybench.app.workspace;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The New workspace dialog: a template, the folder to create it in and, for an import, the
 * dataset file. Says what is missing before the user can create it.
 */
public final class NewWorkspaceViewModel {

    /** What a new workspace starts from. */
    public enum Kind {
        EMPTY("Empty: an SQLite database, one starter question, the shipped prompt variants"),
        SAMPLE("The sample: Ridgeline Cycles & Outdoor, 13 tables and 54 questions"),
        IMPORT("Import a dataset: Spider's or BIRD's dev.json, a .jsonl, or sql-eval's .csv");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What to create. */
    public record Request(Kind kind, Path folder, Path datasetFile) {}

    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.EMPTY);
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final StringProperty datasetFile = new SimpleStringProperty(this, "datasetFile", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(this, "importing");

    public NewWorkspaceViewModel(Path suggestedFolder) {
        folder.set(suggestedFolder == null ? "" : suggestedFolder.toString());
        problem.bind(Bindings.createStringBinding(this::check, kind, folder, datasetFile));
        importing.bind(kind.isEqualTo(Kind.IMPORT));
    }

    private String check() {
        if (folder.get() == null || folder.get().isBlank()) {
            return "Choose the folder for the new workspace.";
        }
        Path target;
        try {
            target = Path.of(folder.get().strip());
        } catch (InvalidPathException e) {
            return "'" + folder.get() + "' is not a folder name.";
        }
        if (Files.isRegularFile(target.resolve("querybench.yaml"))) {
            return target + " already holds a workspace; open it with File → Open workspace, or choose another folder.";
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            return target + " is a file; choose a folder.";
        }
        if (kind.get() == Kind.IMPORT) {
            String file = datasetFile.get() == null ? "" : datasetFile.get().strip();
            if (file.isEmpty()) {
                return "Choose the dataset file to import.";
            }
            String lower = file.toLowerCase(Locale.ROOT);
            if (!(lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".csv")
                    || lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
                return "Choose a .json (Spider, BIRD), .jsonl, .csv (sql-eval) or .yaml dataset file.";
            }
            if (!Files.isRegularFile(Path.of(file))) {
                return file + " is not there.";
            }
        }
        return "";
    }

    /** The request, or null while {@link #problemProperty()} names something missing. */
    public Request request() {
        if (!problem.get().isEmpty()) {
            return null;
        }
        return new Request(kind.get(), Path.of(folder.get().strip()),
                kind.get() == Kind.IMPORT ? Path.of(datasetFile.get().strip()) : null);
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty datasetFileProperty() {
        return datasetFile;
    }

    /** What is missing, or empty when the workspace can be created. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }
}
