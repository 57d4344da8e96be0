package dev.querybench.app.prompts;

import dev.querybench.app.text.Highlight;
import dev.querybench.engine.prompt.PromptFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;

/** A line diff of the shown prompt text against another variant's saved text. */
public final class PromptDiffViewModel {

    private final Map<String, String> savedTexts;
    private final ObservableList<String> variants;
    private final ObservableValue<String> file;
    private final ObservableValue<String> text;
    private final ObjectProperty<String> diffAgainst = new SimpleObjectProperty<>(this, "diffAgainst");
    private final ReadOnlyStringWrapper diffText = new ReadOnlyStringWrapper(this, "diffText", "");
    private final ReadOnlyObjectWrapper<List<Highlight>> diffHighlights =
            new ReadOnlyObjectWrapper<>(this, "diffHighlights", List.of());
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper(this, "diffSummary", "");

    /** Compares {@code text} of {@code file} with the saved text ({@code savedTexts}) of another variant. */
    PromptDiffViewModel(Map<String, String> savedTexts, ObservableList<String> variants, ObservableValue<String> file,
            ObservableValue<String> text) {
        this.savedTexts = savedTexts;
        this.variants = variants;
        this.file = file;
        this.text = text;
        diffAgainst.addListener((obs, was, is) -> refresh());
    }

    /** A newly shown file is compared as before, unless it is the one compared with: then with nothing. */
    void shown(String fileName) {
        if (fileName.equals(diffAgainst.get())) {
            diffAgainst.set(null);
        } else {
            refresh();
        }
    }

    void refresh() {
        String other = diffAgainst.get();
        if (other == null || !savedTexts.containsKey(other) || file.getValue() == null) {
            diffText.set("");
            diffHighlights.set(List.of());
            diffSummary.set(variants.size() < 2 ? "" : "Choose a variant to compare with.");
            return;
        }
        StringBuilder out = new StringBuilder();
        List<Highlight> marks = new ArrayList<>();
        int added = 0;
        int removed = 0;
        for (PromptFiles.DiffLine line : PromptFiles.diff(savedTexts.get(other), text.getValue())) {
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
        diffSummary.set("- " + other + " · + " + file.getValue() + ": " + added + " lines added, " + removed
                + " removed");
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
}
