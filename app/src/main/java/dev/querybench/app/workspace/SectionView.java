package dev.querybench.app.workspace;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The FXML controller of a section page; shows whichever {@link SectionPageViewModel} it is given. */
public final class SectionView {

    @FXML private Label titleLabel;
    @FXML private Label summaryLabel;
    @FXML private Button actionButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private VBox linesBox;
    @FXML private Label emptyLabel;

    private final ListChangeListener<SectionLine> linesChanged = change -> render();
    private SectionPageViewModel page;

    @FXML
    private void initialize() {
        emptyLabel.managedProperty().bind(emptyLabel.visibleProperty());
        actionButton.managedProperty().bind(actionButton.visibleProperty());
        busyIndicator.managedProperty().bind(busyIndicator.visibleProperty());
    }

    /** Shows {@code next}; null leaves the page empty (the run screen is in front then). */
    public void show(SectionPageViewModel next) {
        if (page != null) {
            page.lines().removeListener(linesChanged);
        }
        page = next;
        titleLabel.textProperty().unbind();
        summaryLabel.textProperty().unbind();
        emptyLabel.textProperty().unbind();
        busyIndicator.visibleProperty().unbind();
        actionButton.disableProperty().unbind();
        if (page == null) {
            linesBox.getChildren().clear();
            return;
        }
        titleLabel.setText(page.title());
        summaryLabel.textProperty().bind(page.summaryProperty());
        emptyLabel.textProperty().bind(page.emptyTextProperty());
        busyIndicator.visibleProperty().bind(page.busyProperty());
        actionButton.setText(page.actionLabel());
        actionButton.setVisible(!page.actionLabel().isEmpty());
        actionButton.disableProperty().bind(page.busyProperty());
        page.lines().addListener(linesChanged);
        render();
    }

    @FXML
    private void onAction() {
        page.runAction();
    }

    private void render() {
        linesBox.getChildren().setAll(page.lines().stream().map(SectionView::lineNode).toList());
        emptyLabel.setVisible(page.lines().isEmpty() && !page.busyProperty().get() && !page.emptyTextProperty().get().isEmpty());
    }

    /** A line of a checklist: status dot, title, detail and the remedy under it. */
    public static Node lineNode(SectionLine line) {
        Region dot = new Region();
        showStatus(dot, line.status());
        Label title = new Label(line.title());
        title.getStyleClass().add("line-title");
        Label detail = new Label(line.detail());
        detail.getStyleClass().add("line-detail");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        VBox text = new VBox(3, title, detail);
        if (!line.remedy().isBlank()) {
            Label remedy = new Label("→ " + line.remedy());
            remedy.getStyleClass().add("line-remedy");
            remedy.setWrapText(true);
            remedy.setMinHeight(Region.USE_PREF_SIZE);
            text.getChildren().add(remedy);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(12, dot, text);
        row.getStyleClass().add("section-line");
        return row;
    }

    /** Gives a dot region the colour of {@code status}. */
    static void showStatus(Region dot, Status status) {
        dot.getStyleClass().setAll("status-dot", status.styleClass());
    }
}
