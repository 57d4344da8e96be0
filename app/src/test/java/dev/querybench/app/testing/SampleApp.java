package dev.querybench.app.testing;

import dev.querybench.app.AppContext;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.testing.OpenAiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The workbench's composition root opened on the sample workspace under a test's home folder, as
 * {@code querybench-app} opens it, with a local OpenAI stub running beside it. Close it after the
 * test class. The one set-up of the workbench's FX tests: scripts for the stub are in
 * {@link SampleFixture}.
 */
public final class SampleApp implements AutoCloseable {

    public final OpenAiStub stub;
    public final FxTaskRunner tasks;
    public final AppContext context;

    private SampleApp(OpenAiStub stub, FxTaskRunner tasks, AppContext context) {
        this.stub = stub;
        this.tasks = tasks;
        this.context = context;
    }

    /** The sample workspace with no command-line model: the set-up of the FX tests of single screens. */
    public static SampleApp sample(Path home) {
        return open(home, Map.of(), false, new FxTaskRunner());
    }

    /**
     * Shows {@code app}'s main window on {@code stage} at the given size and returns its scene: the
     * one line of an FX test's own {@code @Start} method (TestFX does not run an inherited one).
     */
    public static Scene showMainWindow(SampleApp app, Stage stage, int width, int height) {
        new MainWindow(app.context.mainViewModel()).show(stage, width, height);
        return stage.getScene();
    }

    /** Started with {@code --model openai:gpt-4o-mini --base-url <stub>}; the stub answers as {@link SampleFixture#script}. */
    public static SampleApp withStubModel(Path home) {
        return withStubModel(home, new FxTaskRunner());
    }

    /** Like {@link #withStubModel(Path)}, delivering results through {@code tasks}. */
    public static SampleApp withStubModel(Path home, FxTaskRunner tasks) {
        SampleApp app = open(home, Map.of(), true, tasks);
        SampleFixture.script(app.stub, app.context.workspace());
        return app;
    }

    /** Like {@link #withStubModel(Path)}, with the stub scripted by {@code script} ({@link SampleFixture}). */
    public static SampleApp withStubModel(Path home, BiConsumer<OpenAiStub, Workspace> script) {
        SampleApp app = open(home, Map.of(), true, new FxTaskRunner());
        script.accept(app.stub, app.context.workspace());
        return app;
    }

    /**
     * @param environment what secret references resolve against
     * @param stubModel whether the stub is offered as the command-line model (it is not scripted)
     */
    public static SampleApp open(Path home, Map<String, String> environment, boolean stubModel, FxTaskRunner tasks) {
        return openFolder(SampleWorkspace.defaultLocation(home), true, environment, stubModel, tasks);
    }

    /**
     * Opens the workspace in {@code folder}, e.g. one from {@link #sampleWithConfig}.
     *
     * @param sample whether the workbench treats it as its built-in sample (written there when
     *     missing, with the banner saying so)
     */
    public static SampleApp openFolder(Path folder, boolean sample, Map<String, String> environment,
            boolean stubModel, FxTaskRunner tasks) {
        OpenAiStub stub = OpenAiStub.start();
        try {
            AppContext context = AppContext.open(new AppContext.Settings(folder, sample, environment,
                    stubModel ? "openai:gpt-4o-mini" : null, stubModel ? stub.baseUrl() : null, Clock.systemUTC()),
                    tasks, new RecordingDialogs());
            return new SampleApp(stub, tasks, context);
        } catch (RuntimeException e) {
            tasks.close();
            stub.close();
            throw e;
        }
    }

    /** The sample workspace written under {@code home} with {@code yaml} added to its configuration. */
    public static Path sampleWithConfig(Path home, String yaml) {
        try {
            Path folder = new SampleWorkspace().materialize(SampleWorkspace.defaultLocation(home));
            Files.writeString(folder.resolve(Workspace.CONFIG_FILE), yaml, StandardOpenOption.APPEND);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        tasks.close();
        context.close();
        stub.close();
    }
}
