package io.cascade.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module stays pure (no I/O, no frameworks) and its packages stay layered. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cascade.rules");

    @Test
    void usesNoIoNetworkOrFrameworks() {
        noClasses()
                .that()
                .resideInAPackage("io.cascade.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.nio.file..", "java.net..", "org.springframework..", "com.fasterxml..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void hasNoCyclesBetweenPackages() {
        slices().matching("io.cascade.rules.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void keepsAntlrBehindTheAstBuilder() {
        noClasses()
                .that()
                .resideInAPackage("io.cascade.rules..")
                .and()
                .resideOutsideOfPackage("io.cascade.rules.internal.antlr..")
                .and()
                .doNotHaveFullyQualifiedName("io.cascade.rules.parse.AstBuilder")
                .and()
                .haveNameNotMatching("io\\.cascade\\.rules\\.parse\\.AstBuilder\\$.*")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.antlr..", "io.cascade.rules.internal.antlr..")
                .check(CLASSES);
    }
}
