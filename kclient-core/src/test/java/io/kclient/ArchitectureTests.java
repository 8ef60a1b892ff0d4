package io.kclient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of STYLE.md, checked rather than hoped for. */
class ArchitectureTests {

    private static final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kclient");

    @Test
    void coreKnowsNoSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(core);
    }

    /** Validation and tracing are SPIs the starter implements: an application without them needs neither library. */
    @Test
    void coreKnowsNoValidationOrObservationLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.validation..", "io.micrometer..").check(core);
    }

    @Test
    void theEngineDoesNotKnowAnnotationsExist() {
        noClasses().that().resideInAnyPackage("io.kclient.listener..", "io.kclient.producer..", "io.kclient.admin..",
                        "io.kclient.convert..")
                .should().dependOnClassesThat().resideInAPackage("io.kclient.annotation..")
                .check(core);
    }

    @Test
    void theEngineDoesNotCallHandlerMethods() {
        noClasses().that().resideInAnyPackage("io.kclient.listener..", "io.kclient.producer..", "io.kclient.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kclient.handler..", "io.kclient.convert..")
                .check(core);
    }

    @Test
    void theObservationSpiDependsOnNoOtherPartOfKClient() {
        noClasses().that().resideInAPackage("io.kclient.observe..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kclient", "io.kclient.listener..", "io.kclient.handler..",
                        "io.kclient.config..", "io.kclient.convert..", "io.kclient.producer..", "io.kclient.admin..")
                .check(core);
    }

    @Test
    void theRpcClientIsAClientNotPartOfTheEngine() {
        noClasses().that().resideInAPackage("io.kclient.rpc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kclient.listener..", "io.kclient.handler..",
                        "io.kclient.annotation..", "io.kclient.config..")
                .check(core);
    }

    @Test
    void annotationsDependOnNothingButTheApi() {
        noClasses().that().resideInAPackage("io.kclient.annotation..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kclient.listener..", "io.kclient.handler..",
                        "io.kclient.config..", "io.kclient.convert..")
                .check(core);
    }

    /** Each package below the API builds on others, never in a circle: each can be read, and changed, on its own. */
    @Test
    void thePackagesOfTheCoreHaveNoCycles() {
        slices().matching("io.kclient.(*)..").should().beFreeOfCycles().check(core);
    }

    /**
     * The root package is what users call: its value types and exceptions depend on no other part
     * of KClient, so the packages below may use them; only its facades, {@code KClient} and
     * {@code KafkaPublisher}, build on the packages below. So no cycle runs through the root either.
     */
    @Test
    void theApiTypesDependOnNoOtherPartOfKClient() {
        noClasses().that().resideInAPackage("io.kclient").and().doNotBelongToAnyOf(KClient.class, KafkaPublisher.class)
                .should().dependOnClassesThat().resideInAPackage("io.kclient.*..")
                .check(core);
    }
}
