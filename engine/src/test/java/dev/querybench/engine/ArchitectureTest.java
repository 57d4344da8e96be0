package dev.querybench.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

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
}
