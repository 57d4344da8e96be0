package dev.querybench.app.health;

import dev.querybench.app.widgets.Sparkline;
import java.util.function.Function;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Health panel's FXML controller. */
public final class HealthView {

    private final HealthViewModel viewModel;

    @FXML private Label summaryLabel;
    @FXML private ProgressIndicator busy;
    @FXML private Button checkButton;
    @FXML private VBox endpointsBox;
    @FXML private VBox notificationsCard;
    @FXML private VBox notificationsBox;
    @FXML private Label doctorSummary;
    @FXML private Button doctorButton;
    @FXML private VBox doctorBox;

    private Runnable doctorAction = () -> {};

    public HealthView(HealthViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        busy.visibleProperty().bind(viewModel.checkingProperty());
        checkButton.disableProperty().bind(viewModel.checkingProperty());
        viewModel.endpoints().addListener((ListChangeListener<EndpointHealth>) change -> renderEndpoints());
        renderEndpoints();
        viewModel.notifications().addListener((ListChangeListener<String>) change -> renderNotifications());
        renderNotifications();
    }

    /**
     * Shows the environment checklist (Java, workspace, database, models) below the endpoints. The
     * window hands the checklist's page and how a line looks, so this package needs not know the shell's.
     */
    public <T> void showDoctor(ObservableStringValue summary, ObservableBooleanValue checking, ObservableList<T> lines,
            Function<? super T, Node> lineNode, Runnable rerun) {
        doctorAction = rerun;
        doctorSummary.textProperty().bind(summary);
        doctorButton.disableProperty().bind(checking);
        Runnable render = () -> doctorBox.getChildren().setAll(lines.stream().map(lineNode).toList());
        lines.addListener((ListChangeListener<T>) change -> render.run());
        render.run();
    }

    private void renderEndpoints() {
        endpointsBox.getChildren().setAll(viewModel.endpoints().stream().map(HealthView::endpointNode).toList());
    }

    private void renderNotifications() {
        notificationsBox.getChildren().clear();
        for (String text : viewModel.notifications()) {
            Label line = new Label(text);
            line.getStyleClass().add("health-event");
            line.setWrapText(true);
            notificationsBox.getChildren().add(line);
        }
        if (viewModel.notifications().isEmpty()) {
            Label none = new Label("No endpoint has gone down or come back since QueryBench started.");
            none.getStyleClass().add("muted");
            notificationsBox.getChildren().add(none);
        }
    }

    private static Node endpointNode(EndpointHealth e) {
        Label state = new Label(e.state() == EndpointHealth.State.UNKNOWN ? "…" : e.state().label());
        state.getStyleClass().addAll("verdict-pill", e.state().styleClass());
        state.setMinWidth(Region.USE_PREF_SIZE);
        Label name = new Label(e.name());
        name.getStyleClass().add("line-title");
        Label detail = new Label(e.detail());
        detail.getStyleClass().add("line-detail");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        VBox text = new VBox(3, name, detail);
        if (!e.lastError().isBlank()) {
            Label error = new Label("Last error: " + e.lastError());
            error.getStyleClass().add("line-remedy");
            error.setWrapText(true);
            error.setMinHeight(Region.USE_PREF_SIZE);
            text.getChildren().add(error);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        Sparkline spark = new Sparkline();
        spark.set(e.sparkline());
        Tooltip.install(spark, new Tooltip("Latency of the recent checks, oldest first; red dots are failed checks"));
        Label latency = new Label(e.latencyText());
        latency.getStyleClass().add("card-caption");
        Label breaker = new Label(e.breaker().isEmpty() ? "" : "breaker " + e.breaker() + " · " + e.checkedAt());
        breaker.getStyleClass().add("card-caption");
        VBox figures = new VBox(2, spark, latency, breaker);
        figures.setMinWidth(230);
        HBox row = new HBox(12, state, text, figures);
        row.getStyleClass().add("section-line");
        return row;
    }

    @FXML
    private void onCheck() {
        viewModel.checkNow();
    }

    @FXML
    private void onDoctor() {
        doctorAction.run();
    }
}
