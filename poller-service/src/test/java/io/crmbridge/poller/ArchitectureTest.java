package io.crmbridge.poller;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The poller's boundaries (STYLE.md): Avro only in events, core logic free of Spring and Kafka, no cycles. */
class ArchitectureTest {

    private static final JavaClasses POLLER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.poller");

    @Test
    void onlyTheEventsPackageUsesTheAvroContracts() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("..poller.events..")
                .should().dependOnClassesThat().resideInAPackage("io.crmbridge.events..");
        rule.check(POLLER);
    }

    @Test
    void coreLogicKnowsNeitherSpringNorKafka() {
        ArchRule rule = noClasses().that().resideInAnyPackage("..poller.subscription..", "..poller.tracking..",
                        "..poller.capture..")
                // Wiring, typed configuration and the web endpoint are the Spring edges of each feature.
                .and().haveNameNotMatching(".*(Configuration|Settings|Endpoint)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..");
        rule.check(POLLER);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.poller.(*)..").should().beFreeOfCycles().check(POLLER);
    }

    @Test
    void onlyTheEventsPackageTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("..poller.events..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..").check(POLLER);
    }

    @Test
    void onlyTheEventsPackageUsesAvro() {
        noClasses().that().resideOutsideOfPackage("..poller.events..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.avro..")
                .because("rows arrive typed by crm-client; reading Avro values is the contract mapping's job")
                .check(POLLER);
    }
}
