package dev.querybench.app.workspace;

import dev.querybench.app.runs.RunView;
import dev.querybench.app.runs.RunsView;
import dev.querybench.app.sqlconsole.SqlConsoleView;
import dev.querybench.app.prompts.PromptEditorView;
import dev.querybench.app.dataset.DatasetView;
import dev.querybench.app.connection.ConnectionWizardView;
import dev.querybench.app.health.HealthView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Builds the main window from its FXML, wiring each controller to its view model. */
public final class MainWindow {

    private static final String STYLESHEET = "/dev/querybench/app/theme/light.css";

    private final MainViewModel viewModel;
    private final java.util.function.Consumer<java.nio.file.Path> opener;

    /** A window whose exports open nowhere (tests). */
    public MainWindow(MainViewModel viewModel) {
        this(viewModel, path -> { });
    }

    /**
     * @param opener shows a written report or folder, such as the application's HostServices
     */
    public MainWindow(MainViewModel viewModel, java.util.function.Consumer<java.nio.file.Path> opener) {
        this.viewModel = viewModel;
        this.opener = opener;
    }

    /** The light theme's stylesheet. */
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
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(stylesheet().toExternalForm());
        loader.<MainView>getController().installShortcuts(scene);
        return scene;
    }

    /** Shows the window on {@code stage} and starts the view model's background reads. */
    public void show(Stage stage, double width, double height) {
        stage.setTitle(viewModel.windowTitle());
        stage.setScene(createScene(width, height));
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        stage.setOnHidden(event -> viewModel.deactivate());
        stage.setOnCloseRequest(event -> {
            if (!viewModel.confirmClose()) {
                event.consume();
            }
        });
        viewModel.activate();
        viewModel.health().startMonitoring(java.time.Duration.ofSeconds(30));
        stage.show();
    }

    private Object controller(Class<?> type) {
        if (type == MainView.class) {
            return new MainView(viewModel, opener);
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
