package io.kclient.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The processor's layering, as spring-kafka's: the registry does not know annotations exist. */
class ArchitectureTests {

    private static final JavaClasses processor = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kclient.spring");

    @Test
    void theRegistryDoesNotKnowAnnotations() {
        noClasses().that().resideInAPackage("io.kclient.spring.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kclient.spring.annotation..", "io.kclient.annotation..")
                .check(processor);
    }

    @Test
    void theProcessorKnowsNoSpringBoot() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(processor);
    }
}
