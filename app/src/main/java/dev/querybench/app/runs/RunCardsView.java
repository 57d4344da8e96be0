package dev.querybench.app.runs;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The run screen's summary cards: one per (variant, model), and why items failed. */
final class RunCardsView {

    private RunCardsView() {
    }

    static Node failureNode(List<FailureCount> counts) {
        VBox box = new VBox(styled(new Label("Why items failed"), "card-title"),
                styled(new Label("all variants and models"), "card-subtitle"));
        for (FailureCount count : counts.subList(0, Math.min(5, counts.size()))) {
            Label label = styled(new Label(count.label()), "failure-label");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(8, label, gap, styled(new Label(Integer.toString(count.count())), "failure-count"));
            line.getStyleClass().add("failure-line");
            box.getChildren().add(line);
        }
        box.getStyleClass().addAll("summary-card", "failure-card");
        return box;
    }

    static Node cardNode(CellCard card) {
        Label variant = styled(new Label(card.variant()), "card-title");
        Label model = styled(new Label(card.model()), "card-subtitle");
        Label accuracy = styled(new Label(card.accuracyText()), "card-accuracy");
        Label accuracyCaption = styled(new Label("accuracy"), "card-caption");
        HBox headline = new HBox(8, accuracy, accuracyCaption);
        headline.getStyleClass().add("card-headline");
        ProgressBar bar = styled(new ProgressBar(card.bar()), "accuracy-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        Label interval = styled(new Label(card.intervalText()), "card-caption");
        Label counts = styled(new Label(card.countsText()), "card-counts");
        Label detail = styled(new Label(card.detailText()), "card-caption");
        VBox box = new VBox(variant, model, headline, bar, interval, counts, detail);
        box.getStyleClass().add("summary-card");
        return box;
    }

    private static <N extends Node> N styled(N node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }
}
