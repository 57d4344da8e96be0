package dev.querybench.app.compare;

import dev.querybench.app.widgets.IntervalBar;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** One card of the comparison's strip, as nodes; clicking it picks it for the A/B test. */
final class CompactCardView {

    private static final PseudoClass ROLE_A = PseudoClass.getPseudoClass("role-a");
    private static final PseudoClass ROLE_B = PseudoClass.getPseudoClass("role-b");

    private CompactCardView() {}

    /** A compact card: role, variant and model on one line; accuracy, interval bar and cost on the next. */
    static Node of(CompareCard card, CardStripViewModel strip) {
        Label role = new Label(card.role().isEmpty() ? " " : card.role());
        role.getStyleClass().add("role-badge");
        role.setVisible(!card.role().isEmpty());
        Label title = new Label(card.variant() + " · " + card.model());
        title.getStyleClass().add("card-title");
        HBox top = new HBox(6, role, title);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label accuracy = new Label(card.accuracyText());
        accuracy.getStyleClass().add("card-accuracy");
        IntervalBar bar = new IntervalBar();
        bar.set(card.value(), card.low(), card.high());
        bar.setPrefWidth(90);
        bar.setMinWidth(60);
        Label facts = new Label(card.intervalText().replace("95% CI ", "CI ") + " · " + card.latencyText().split(" · ")[0]);
        facts.getStyleClass().add("card-caption");
        HBox middle = new HBox(8, accuracy, bar, facts);
        middle.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label usage = new Label(card.countsText() + " · " + card.usageText());
        usage.getStyleClass().add("card-caption");
        VBox box = new VBox(2, top, middle, usage);
        box.getStyleClass().addAll("summary-card", "compare-card", "compact-card");
        box.pseudoClassStateChanged(ROLE_A, card.role().equals("A"));
        box.pseudoClassStateChanged(ROLE_B, card.role().equals("B"));
        Tooltip tip = new Tooltip(card.variant() + " · " + card.model() + "\n" + card.accuracyText() + " accuracy, "
                + card.intervalText() + "\n" + card.countsText() + "\n" + card.latencyText() + "\n" + card.usageText()
                + (card.judgeText().isEmpty() ? "" : "\n" + card.judgeText()) + "\nClick to compare it (A/B).");
        tip.setShowDelay(Duration.millis(300));
        Tooltip.install(box, tip);
        box.setOnMouseClicked(event -> strip.pickCard(card.index()));
        return box;
    }
}
