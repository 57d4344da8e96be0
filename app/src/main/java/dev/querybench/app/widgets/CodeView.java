package dev.querybench.app.widgets;

import dev.querybench.app.text.Highlight;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** A RichTextFX code area with line numbers whose text is styled by {@link Highlight}s. */
public final class CodeView extends StackPane {

    private final CodeArea area = new CodeArea();

    public CodeView() {
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.getStyleClass().add("code-area-view");
        getStyleClass().add("code-view");
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    /** Replaces the text and styles it. */
    public void show(String text, List<Highlight> highlights) {
        String value = text == null ? "" : text;
        if (!area.getText().equals(value)) {
            area.replaceText(value);
        }
        restyle(highlights);
    }

    /** Styles the current text; highlights that overlap combine their classes. */
    public void restyle(List<Highlight> highlights) {
        int length = area.getLength();
        if (length == 0) {
            return;
        }
        area.setStyleSpans(0, spans(length, highlights));
    }

    public void setEditable(boolean editable) {
        area.setEditable(editable);
    }

    /** The code area itself, for editing views that listen to its text. */
    public CodeArea area() {
        return area;
    }

    static StyleSpans<Collection<String>> spans(int length, List<Highlight> highlights) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, length));
        for (Highlight h : highlights) {
            cuts.add(Math.max(0, Math.min(length, h.start())));
            cuts.add(Math.max(0, Math.min(length, h.end())));
        }
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        Integer previous = null;
        for (int cut : cuts) {
            if (previous != null && cut > previous) {
                List<String> classes = new ArrayList<>();
                for (Highlight h : highlights) {
                    if (h.start() <= previous && h.end() >= cut) {
                        classes.add(h.styleClass());
                    }
                }
                builder.add(classes, cut - previous);
            }
            previous = cut;
        }
        return builder.create();
    }
}
