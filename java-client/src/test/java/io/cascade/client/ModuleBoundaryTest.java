package io.cascade.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The client stays small: no frameworks, no other HTTP client, and its internals do not reach back into its API. */
@AnalyzeClasses(packages = "io.cascade.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundaryTest {

    @ArchTest
    static final ArchRule noFrameworks = noClasses()
            .that()
            .resideInAPackage("io.cascade.client..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "com.mongodb..",
                    "io.lettuce..",
                    "okhttp3..",
                    "com.google.common..",
                    "com.fasterxml.jackson.databind..",
                    "io.cascade.server..",
                    "io.cascade.gateway..");

    @ArchTest
    static final ArchRule internalsDoNotUseTheApi = noClasses()
            .that()
            .resideInAPackage("io.cascade.client.internal..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.cascade.client");

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("io.cascade.client.(*)..").should().beFreeOfCycles();
}
