package dev.querybench.app.workspace;

import dev.querybench.app.connection.ConnectionWizardView;
import dev.querybench.app.dataset.DatasetView;
import dev.querybench.app.health.HealthView;
import dev.querybench.app.prompts.PromptEditorView;
import dev.querybench.app.runs.RunView;
import dev.querybench.app.runs.RunsView;
import dev.querybench.app.sqlconsole.SqlConsoleView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Builds the main window from its FXML, wiring each controller to its view model. */
public final class MainWindow {

    private static final String STYLESHEET = "/dev/querybench/app/theme/light.css";

    private final MainViewModel viewModel;
    private final Consumer<URI> opener;
    private final WorkspaceActions actions;
    private MainView view;
    private Scene scene;
    /** The window's bounds when last not maximised, which is what the layout keeps. */
    private double normalX = Double.NaN;
    private double normalY = Double.NaN;
    private double normalWidth;
    private double normalHeight;
    /** The dividers this window opened with: kept for screens not visited in this start (LazyScreens). */
    private Map<String, List<Double>> openedDividers = Map.of();
    private final ChangeListener<Theme> themeListener = (obs, was, is) -> applyTheme(is);
    private InvalidationListener boundsTracker;

    /** A window whose exports open nowhere (tests). */
    public MainWindow(MainViewModel viewModel) {
        this(viewModel, uri -> { });
    }

    /**
     * @param opener shows a written report or folder, or a web page such as a Langfuse trace; the
     *     application's HostServices
     */
    public MainWindow(MainViewModel viewModel, Consumer<URI> opener) {
        this(viewModel, opener, WorkspaceActions.none());
    }

    /** A window whose File menu creates, opens, switches and closes workspaces through {@code actions}. */
    public MainWindow(MainViewModel viewModel, Consumer<URI> opener, WorkspaceActions actions) {
        this.viewModel = viewModel;
        this.opener = opener;
        this.actions = actions;
    }

    /** The light theme's stylesheet, for windows opened before the main one (startup errors). */
    public static URL stylesheet() {
        URL url = MainWindow.class.getResource(STYLESHEET);
        if (url == null) {
            throw new IllegalStateException(STYLESHEET + " is missing from the class path (querybench-ui-resources)");
        }
        return url;
    }

    public Scene createScene(double width, double height) {
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource("MainView.fxml"));
        loader.setControllerFactory(this::controller);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load MainView.fxml", e);
        }
        scene = new Scene(root, width, height);
        view = loader.getController();
        applyTheme(viewModel.themeProperty().get());
        viewModel.themeProperty().addListener(themeListener);
        view.installShortcuts(scene);
        return scene;
    }

    /** Shows the window on {@code stage}, centred, in the view model's theme (tests). */
    public void show(Stage stage, double width, double height) {
        show(stage, new WindowLayout(Double.NaN, Double.NaN, width, height, false, Map.of(),
                viewModel.selectedSectionProperty().get(), viewModel.themeProperty().get()), layout -> { });
    }

    /**
     * Shows the window on {@code stage} as {@code layout} describes it and starts the view
     * model's background reads. When the window closes, {@code onClosed} receives its layout
     * then, for the next start.
     */
    public void show(Stage stage, WindowLayout layout, Consumer<WindowLayout> onClosed) {
        viewModel.themeProperty().set(layout.theme());
        viewModel.select(layout.section());
        stage.setTitle(viewModel.windowTitle());
        dev.querybench.app.core.StartupTrace.mark("building scene");
        stage.setScene(createScene(layout.width(), layout.height()));
        dev.querybench.app.core.StartupTrace.mark("scene built");
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        normalWidth = layout.width();
        normalHeight = layout.height();
        // A position on a screen that is gone (an unplugged monitor) would put the window out of reach.
        if (layout.hasPosition() && !Screen.getScreensForRectangle(layout.x(), layout.y(),
                Math.min(layout.width(), 100), Math.min(layout.height(), 100)).isEmpty()) {
            stage.setX(layout.x());
            stage.setY(layout.y());
            normalX = layout.x();
            normalY = layout.y();
        }
        stage.setMaximized(layout.maximized());
        trackNormalBounds(stage);
        applyDividers(layout.dividers());
        openedDividers = layout.dividers();
        // A screen first shown later opens split as the last start left it.
        view.setOnScreenBuilt(panes -> panes.forEach(pane -> applyDividers(pane, openedDividers)));
        // A new comparison tab opens split where the user last left one, in this start or the last.
        Map<String, List<Double>> lastDividers = new LinkedHashMap<>(layout.dividers());
        view.setOnComparisonSplit(pane -> {
            applyDividers(pane, lastDividers);
            pane.getDividers().forEach(divider -> divider.positionProperty().addListener((obs, was, is) ->
                    lastDividers.put(pane.getId(), Arrays.stream(pane.getDividerPositions()).boxed().toList())));
        });
        stage.setOnHidden(event -> {
            viewModel.themeProperty().removeListener(themeListener);
            onClosed.accept(layout(stage));
            viewModel.deactivate();
        });
        stage.setOnCloseRequest(event -> {
            if (!viewModel.confirmClose()) {
                event.consume();
            }
        });
        stage.show();
        // The stored runs, the schema and the endpoint checks load once the window is on screen.
        dev.querybench.app.widgets.FirstFrame.then(() -> {
            if (stage.isShowing()) {
                viewModel.activate();
                viewModel.health().startMonitoring(java.time.Duration.ofSeconds(30));
            }
        });
    }

    /** The window's layout now: bounds before any maximising, dividers, section and theme. */
    public WindowLayout layout(Stage stage) {
        if (!stage.isMaximized()) {
            remember(stage);
        }
        Map<String, List<Double>> dividers = new LinkedHashMap<>();
        for (SplitPane pane : view.splitPanes()) {
            // Comparison tabs share an id: the one in front speaks for them.
            if (!dividers.containsKey(pane.getId()) || shown(pane)) {
                dividers.put(pane.getId(), Arrays.stream(pane.getDividerPositions()).boxed().toList());
            }
        }
        // A split inside a screen never shown in this start is not in the window: keep what it was.
        openedDividers.forEach(dividers::putIfAbsent);
        return new WindowLayout(normalX, normalY, normalWidth, normalHeight, stage.isMaximized(), dividers,
                viewModel.selectedSectionProperty().get(), viewModel.themeProperty().get());
    }

    private void trackNormalBounds(Stage stage) {
        boundsTracker = obs -> {
            if (!stage.isMaximized() && stage.isShowing()) {
                remember(stage);
            }
        };
        stage.xProperty().addListener(boundsTracker);
        stage.yProperty().addListener(boundsTracker);
        stage.widthProperty().addListener(boundsTracker);
        stage.heightProperty().addListener(boundsTracker);
    }

    /**
     * Lets go of {@code stage} before another window takes it over (a workspace switch): the
     * listeners this window put on the stage and its view model go, so the closed workspace's view
     * models can be collected.
     */
    public void detach(Stage stage) {
        if (boundsTracker != null) {
            stage.xProperty().removeListener(boundsTracker);
            stage.yProperty().removeListener(boundsTracker);
            stage.widthProperty().removeListener(boundsTracker);
            stage.heightProperty().removeListener(boundsTracker);
            boundsTracker = null;
        }
        viewModel.themeProperty().removeListener(themeListener);
        stage.setOnHidden(null);
        stage.setOnCloseRequest(null);
    }

    private void remember(Stage stage) {
        if (!Double.isNaN(stage.getX()) && !Double.isNaN(stage.getY())) {
            normalX = stage.getX();
            normalY = stage.getY();
        }
        if (stage.getWidth() > 0 && stage.getHeight() > 0) {
            normalWidth = stage.getWidth();
            normalHeight = stage.getHeight();
        }
    }

    private void applyDividers(Map<String, List<Double>> dividers) {
        view.splitPanes().forEach(pane -> applyDividers(pane, dividers));
    }

    private static void applyDividers(SplitPane pane, Map<String, List<Double>> dividers) {
        List<Double> positions = dividers.get(pane.getId());
        if (positions != null && positions.size() == pane.getDividers().size()) {
            pane.setDividerPositions(positions.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void applyTheme(Theme theme) {
        if (scene != null) {
            scene.getStylesheets().setAll(theme.stylesheets());
        }
    }

    private Object controller(Class<?> type) {
        if (type == MainView.class) {
            return new MainView(viewModel, opener, actions, this::controller);
        }
        if (type == RunsView.class) {
            return new RunsView(viewModel.runsScreen());
        }
        if (type == ConnectionWizardView.class) {
            return new ConnectionWizardView(viewModel.wizard());
        }
        if (type == HealthView.class) {
            return new HealthView(viewModel.health());
        }
        if (type == DatasetView.class) {
            return new DatasetView(viewModel.datasetBrowser());
        }
        if (type == PromptEditorView.class) {
            return new PromptEditorView(viewModel.promptEditor());
        }
        if (type == SqlConsoleView.class) {
            return new SqlConsoleView(viewModel.sqlConsole());
        }
        if (type == RunView.class) {
            return new RunView(viewModel.runs());
        }
        if (type == SectionView.class) {
            return new SectionView();
        }
        throw new IllegalArgumentException("no controller of type " + type.getName());
    }
}
