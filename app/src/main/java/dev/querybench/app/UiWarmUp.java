package dev.querybench.app;

import dev.querybench.app.widgets.CodeView;
import java.util.List;

/**
 * Loads and initialises the classes the main window is built of on a thread of its own while the
 * workspace opens, so the FX thread finds them ready: on two or more cores the
 * two overlap instead of adding up. Only classes are touched (no node is made); a class that is
 * missing or fails is skipped, since the FX thread would load it anyway.
 */
public final class UiWarmUp {

    /** The window's controls, their skins and the code editor, in roughly the order they are used. */
    private static final List<String> CLASSES = List.of(
            "javafx.fxml.FXMLLoader",
            "javafx.scene.control.MenuBar", "javafx.scene.control.skin.MenuBarSkin",
            "javafx.scene.control.ListView", "javafx.scene.control.skin.ListViewSkin",
            "javafx.scene.control.TabPane", "javafx.scene.control.skin.TabPaneSkin",
            "javafx.scene.control.SplitPane", "javafx.scene.control.skin.SplitPaneSkin",
            "javafx.scene.control.ComboBox", "javafx.scene.control.skin.ComboBoxListViewSkin",
            "javafx.scene.control.Spinner", "javafx.scene.control.skin.SpinnerSkin",
            "javafx.scene.control.TableView", "javafx.scene.control.skin.TableViewSkin",
            "javafx.scene.control.TableColumn", "javafx.scene.control.skin.TableColumnHeader",
            "javafx.scene.control.skin.TableRowSkin", "javafx.scene.control.skin.TableCellSkin",
            "javafx.scene.control.skin.VirtualFlow", "javafx.scene.control.skin.ScrollBarSkin",
            "javafx.scene.control.TextField", "javafx.scene.control.skin.TextFieldSkin",
            "javafx.scene.control.TextArea", "javafx.scene.control.skin.TextAreaSkin",
            "javafx.scene.control.Hyperlink", "javafx.scene.control.skin.HyperlinkSkin",
            "javafx.scene.control.Button", "javafx.scene.control.skin.ButtonSkin",
            "javafx.scene.control.CheckBox", "javafx.scene.control.skin.CheckBoxSkin",
            "javafx.scene.control.ProgressBar", "javafx.scene.control.skin.ProgressBarSkin",
            "javafx.scene.control.Tooltip", "javafx.scene.control.skin.TooltipSkin",
            "javafx.scene.control.ScrollPane", "javafx.scene.control.skin.ScrollPaneSkin",
            "javafx.scene.control.skin.LabelSkin", "javafx.scene.layout.FlowPane",
            "org.fxmisc.richtext.CodeArea", "org.fxmisc.flowless.VirtualizedScrollPane",
            "dev.querybench.app.workspace.MainView", "dev.querybench.app.runs.RunView",
            "dev.querybench.app.runs.RunsView", "dev.querybench.app.sqlconsole.SqlConsoleView",
            "dev.querybench.app.prompts.PromptEditorView", "dev.querybench.app.dataset.DatasetView",
            "dev.querybench.app.connection.ConnectionWizardView", "dev.querybench.app.health.HealthView",
            "dev.querybench.app.compare.ComparisonView", "dev.querybench.app.compare.CompactCardView",
            "dev.querybench.app.widgets.CodeView", "dev.querybench.app.widgets.ResultGrid");

    private UiWarmUp() {}

    /** Starts the warm-up on a daemon thread; it ends by itself. Tests may join the returned thread. */
    public static Thread start() {
        return Thread.ofPlatform().daemon().name("querybench-warm-up").start(() -> {
            ClassLoader loader = UiWarmUp.class.getClassLoader();
            for (String name : CLASSES) {
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                    // the FX thread loads it when it needs it
                }
            }
            // The code editor is built of many classes that load only when one is made (its model,
            // its skin, reactive streams); a throwaway one, never shown, loads them here. Nodes may
            // be made off the FX thread as long as no shown window holds them.
            try {
                new CodeView().show("SELECT 1", List.of());
            } catch (RuntimeException | LinkageError e) {
                // the first comparison or console loads them instead
            }
        });
    }
}
