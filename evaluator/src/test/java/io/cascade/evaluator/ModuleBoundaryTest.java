package io.cascade.evaluator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The evaluator is pure: the server and the client run it, so it does no I/O and uses no framework. */
@AnalyzeClasses(packages = "io.cascade.evaluator", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundaryTest {

    @ArchTest
    static final ArchRule noIoNoFrameworks = noClasses()
            .that()
            .resideInAPackage("io.cascade.evaluator..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.nio.file..",
                    "java.net..",
                    "org.springframework..",
                    "tools.jackson..",
                    "com.fasterxml..",
                    "org.slf4j..");
}
