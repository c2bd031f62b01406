package io.crmbridge.token;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The boundaries STYLE.md sets for the token-service, checked on its production classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.crmbridge.token");

    @Test
    void onlyTheEventsPackageTouchesTheAvroContracts() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.token.events..")
                .should().dependOnClassesThat().resideInAPackage("io.crmbridge.events..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.token.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void connectionsAndRefreshingAreFreeOfSpringAndKafka() {
        noClasses().that().resideInAnyPackage("io.crmbridge.token.connection..", "io.crmbridge.token.refresh..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.crmbridge.schemas..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEventsPackageTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.token.events..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(CLASSES);
    }
}
