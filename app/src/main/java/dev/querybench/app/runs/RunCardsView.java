package dev.querybench.app.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The run screen's summary cards: one per (variant, model), and why items failed.
 *
 * <p>A run refreshes the cards after every batch of results, many times a second. The card nodes
 * are built once per run layout (the cells and the failure reasons) and afterwards only their
 * texts change: new nodes would need a full CSS pass each time, which on the FX thread costs far
 * more than setting a label's text.
 */
final class RunCardsView {

    private final Pane pane;
    private final List<Card> cards = new ArrayList<>();
    private final FailureCard failures = new FailureCard();

    RunCardsView(Pane pane) {
        this.pane = pane;
    }

    /** Shows these cards and, when there are any, the failure reasons. */
    void show(List<CellCard> cells, List<FailureCount> counts) {
        boolean sameCells = cards.size() == cells.size();
        for (int i = 0; sameCells && i < cells.size(); i++) {
            sameCells = cards.get(i).shows(cells.get(i));
        }
        if (!sameCells) {
            cards.clear();
            cells.forEach(cell -> cards.add(new Card(cell)));
        }
        for (int i = 0; i < cells.size(); i++) {
            cards.get(i).update(cells.get(i));
        }
        boolean failuresShownChanged = failures.update(counts);
        if (!sameCells || failuresShownChanged) {
            List<Node> nodes = new ArrayList<>(cards.stream().map(card -> (Node) card.box).toList());
            if (!counts.isEmpty()) {
                nodes.add(failures.box);
            }
            pane.getChildren().setAll(nodes);
        }
    }

    /** One (variant, model) card; its labels change in place. */
    private static final class Card {
        private final String variant;
        private final String model;
        private final Label accuracy = styled(new Label(), "card-accuracy");
        private final ProgressBar bar = styled(new ProgressBar(), "accuracy-bar");
        private final Label interval = styled(new Label(), "card-caption");
        private final Label counts = styled(new Label(), "card-counts");
        private final Label detail = styled(new Label(), "card-caption");
        private final VBox box;

        Card(CellCard cell) {
            variant = cell.variant();
            model = cell.model();
            HBox headline = new HBox(8, accuracy, styled(new Label("accuracy"), "card-caption"));
            headline.getStyleClass().add("card-headline");
            bar.setMaxWidth(Double.MAX_VALUE);
            box = new VBox(styled(new Label(variant), "card-title"), styled(new Label(model), "card-subtitle"),
                    headline, bar, interval, counts, detail);
            box.getStyleClass().add("summary-card");
        }

        boolean shows(CellCard cell) {
            return variant.equals(cell.variant()) && model.equals(cell.model());
        }

        void update(CellCard cell) {
            accuracy.setText(cell.accuracyText());
            bar.setProgress(cell.bar());
            interval.setText(cell.intervalText());
            counts.setText(cell.countsText());
            detail.setText(cell.detailText());
        }
    }

    /** The "why items failed" card: the five most frequent reasons. */
    private static final class FailureCard {
        private final VBox box = new VBox(styled(new Label("Why items failed"), "card-title"),
                styled(new Label("all variants and models"), "card-subtitle"));
        private final List<Label> labels = new ArrayList<>();
        private final List<Label> figures = new ArrayList<>();

        FailureCard() {
            box.getStyleClass().addAll("summary-card", "failure-card");
        }

        /** Shows these counts; true when the card appeared or disappeared. */
        boolean update(List<FailureCount> counts) {
            boolean wasShown = !labels.isEmpty();
            List<FailureCount> top = counts.subList(0, Math.min(5, counts.size()));
            while (labels.size() < top.size()) {
                Label label = styled(new Label(), "failure-label");
                Label figure = styled(new Label(), "failure-count");
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                HBox line = new HBox(8, label, gap, figure);
                line.getStyleClass().add("failure-line");
                box.getChildren().add(line);
                labels.add(label);
                figures.add(figure);
            }
            while (labels.size() > top.size()) {
                box.getChildren().removeLast();
                labels.removeLast();
                figures.removeLast();
            }
            for (int i = 0; i < top.size(); i++) {
                labels.get(i).setText(top.get(i).label());
                figures.get(i).setText(Integer.toString(top.get(i).count()));
            }
            return wasShown != !labels.isEmpty();
        }
    }

    private static <N extends Node> N styled(N node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }
}
