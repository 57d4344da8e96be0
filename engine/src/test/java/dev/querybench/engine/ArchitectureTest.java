package dev.querybench.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/** The layering rules of docs/architecture.md, checked on the compiled engine. */
class ArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.querybench.engine");

    @Test
    void theEngineKnowsNothingOfJavaFxOrTheApp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.querybench.app..")
                .check(engine);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.querybench.engine.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(engine);
    }

    /** Every package is its own slice: {@code db} and {@code db.sqlite} may not need each other either. */
    @Test
    void noPackageCycles() {
        slices().matching("dev.querybench.engine.(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void internalPackagesAreUsedOnlyUnderTheirParent() {
        ArchRuleDefinition.classes().should(onlyBeUsedUnderTheirParentIfInternal()).check(engine);
    }

    @Test
    void rootPackagesOfAdapterFamiliesNameNoVendor() {
        noClasses().that().resideInAnyPackage("dev.querybench.engine.db", "dev.querybench.engine.model")
                .should().dependOnClassesThat().resideInAnyPackage("dev.querybench.engine.db.(*)..",
                        "dev.querybench.engine.model.(*)..")
                .because("vendors register a DatabaseEngine or ModelProvider; the root finds them by name")
                .check(engine);
    }

    /**
     * A database engine is its vendor package plus a services line: no other package names the
     * server engines' classes (their dialects, grants, SQL), so nothing outside them can switch on one.
     */
    @Test
    void onlyTheirOwnPackagesNameTheServerEngines() {
        for (String vendor : java.util.List.of("postgres", "mysql", "trino")) {
            noClasses().that().resideOutsideOfPackage("dev.querybench.engine.db." + vendor + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.querybench.engine.db." + vendor + "..")
                    .because("vendor behaviour is reached through DatabaseEngine and Dialect, found by registration")
                    .check(engine);
        }
    }

    /**
     * SQLite is also the file format QueryBench reads and writes itself: dataset folders of .db
     * files, test suites' copies, scoring folders and the native library at start-up. Only the
     * packages doing that use {@code db.sqlite}; the rest of the engine reaches SQLite through
     * DatabaseEngine like any other engine.
     */
    @Test
    void onlyTheSqliteFilePackagesNameSqlite() {
        noClasses().that().resideOutsideOfPackages("dev.querybench.engine.db.sqlite..",
                        "dev.querybench.engine.testsuite..", "dev.querybench.engine.session..",
                        "dev.querybench.engine.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.querybench.engine.db.sqlite..")
                .check(engine);
    }

    /** A class in {@code x.internal} may be used by classes in {@code x} and its sub-packages only. */
    static ArchCondition<JavaClass> onlyBeUsedUnderTheirParentIfInternal() {
        return new ArchCondition<>("be used only under their parent package when internal") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    int at = target.indexOf(".internal");
                    boolean internal = at > 0 && (target.endsWith(".internal") || target.contains(".internal."));
                    if (!internal || !target.startsWith("dev.querybench.")) {
                        continue;
                    }
                    String parent = target.substring(0, at);
                    String from = origin.getPackageName();
                    if (!from.equals(parent) && !from.startsWith(parent + ".")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
