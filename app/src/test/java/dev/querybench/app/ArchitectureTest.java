package dev.querybench.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.querybench.app.core.FxTaskRunner;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MVVM and layering rules of docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    /** FXML controllers, with their nested cells: {@code RunView}, {@code RunView$VerdictCell}. */
    private static final DescribedPredicate<JavaClass> VIEWS = DescribedPredicate.describe("are views (*View)",
            c -> c.getName().startsWith("dev.querybench.app.") && c.getName().matches(".*View(\\$.*)?"));

    /** View models and the values they hand to views: everything in feature packages but views and windows. */
    private static final DescribedPredicate<JavaClass> VIEW_MODEL_SIDE = DescribedPredicate.describe(
            "are view models or their values (feature packages, not *View or *Window)",
            c -> c.getPackageName().matches("dev\\.querybench\\.app\\.(runs|workspace|compare|sqlconsole|prompts|dataset|connection|health|export|grid|text)(\\..*)?")
                    && !c.getName().matches(".*(View|Window)(\\$.*)?"));

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.querybench");
    }

    @Test
    void bothLayersAreImported() {
        assertThat(classes.stream().map(JavaClass::getPackageName))
                .anyMatch(p -> p.startsWith("dev.querybench.engine.session"))
                .anyMatch(p -> p.equals("dev.querybench.app.runs"));
        assertThat(classes.stream().filter(VIEWS)).extracting(JavaClass::getSimpleName)
                .contains("RunView", "MainView", "SectionView");
        assertThat(classes.stream().filter(VIEW_MODEL_SIDE)).extracting(JavaClass::getSimpleName)
                .contains("RunViewModel", "MainViewModel", "ResultRow")
                .doesNotContain("RunView", "MainWindow");
    }

    @Test
    void engineKnowsNothingOfJavaFxOrTheApp() {
        noClasses().that().resideInAPackage("dev.querybench.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "dev.querybench.app..")
                .because("the engine is a headless library the CLI uses too")
                .check(classes);
    }

    @Test
    void viewsUseViewModelsNotEngineTypes() {
        noClasses().that(VIEWS)
                .should().dependOnClassesThat().resideInAPackage("dev.querybench.engine..")
                .because("views bind to view models and forward events; the engine is reached through them")
                .check(classes);
    }

    @Test
    void viewModelsStayAwayFromNodesStagesAndThePlatform() {
        noClasses().that(VIEW_MODEL_SIDE)
                .should().dependOnClassesThat(assignableTo(Node.class)
                        .or(assignableTo(Window.class))
                        .or(equivalentTo(Platform.class)))
                .because("view models are tested without a toolkit and reach the FX thread only through TaskRunner")
                .check(classes);
    }

    @Test
    void featuresUseTheTaskRunnerInterfaceNotTheFxImplementation() {
        noClasses().that().resideInAnyPackage("dev.querybench.app.runs..", "dev.querybench.app.workspace..",
                        "dev.querybench.app.compare..", "dev.querybench.app.sqlconsole..", "dev.querybench.app.prompts..",
                        "dev.querybench.app.dataset..", "dev.querybench.app.connection..", "dev.querybench.app.health..",
                        "dev.querybench.app.export..", "dev.querybench.app.grid..", "dev.querybench.app.text..",
                        "dev.querybench.app.widgets..")
                .should().dependOnClassesThat(equivalentTo(FxTaskRunner.class))
                .because("only the composition root picks the runner, so tests can use the immediate one")
                .check(classes);
    }

    @Test
    void noPackageCyclesInTheApp() {
        slices().matching("dev.querybench.app.(**)").should().beFreeOfCycles()
                .because("features depend on core, widgets, grid and text, and the shell (workspace) on features;"
                        + " never back")
                .check(classes);
    }

    @Test
    void onlyTheLauncherUsesTheCompositionRoot() {
        noClasses().that().resideInAPackage("dev.querybench.app.(*)..")
                .should().dependOnClassesThat().resideInAPackage("dev.querybench.app")
                .because("the root package wires everything (AppContext, Workbench) and so sits above every feature")
                .check(classes);
    }

    /**
     * The workbench reaches database engines through the engine's DatabaseEngine and Dialect, never
     * a vendor package; only the launcher names db.sqlite, to place SQLite's native library at start-up.
     */
    @Test
    void theWorkbenchNamesNoDatabaseVendor() {
        noClasses().that().resideInAPackage("dev.querybench.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.querybench.engine.db.postgres..",
                        "dev.querybench.engine.db.mysql..", "dev.querybench.engine.db.trino..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.querybench.app.(*)..")
                .should().dependOnClassesThat().resideInAPackage("dev.querybench.engine.db.sqlite..")
                .check(classes);
    }
}
