package io.crmbridge.poller;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The poller's boundaries (STYLE.md): the Avro contracts only in {@code events} (the contract mapping), Kafka only
 * in the adapters named after it and in the wiring, Spring only at the edges, no cycles between features.
 */
class ArchitectureTest {

    private static final JavaClasses POLLER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.poller");

    @Test
    void onlyTheContractMappingsUseTheAvroContracts() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("..poller.events..", "..poller.typed..")
                .should().dependOnClassesThat().resideInAPackage("io.crmbridge.events..")
                // typed reads the AttributeValue members crm-client parses rows into, to map them to typed fields.
                .because("the generic and the typed contract mappings are the only readers of Avro values");
        rule.check(POLLER);
    }

    @Test
    void onlyKafkaAdaptersAndTheWiringTalkToKafka() {
        ArchRule rule = noClasses()
                // KafkaChangeLog, KafkaOwnership, ... (and their nested classes), and each feature's *Configuration.
                .that().haveNameNotMatching(".*\\.(Kafka[^.$]*|[^.$]*Configuration)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");
        rule.check(POLLER);
    }

    @Test
    void springStaysAtTheEdgesOfEachFeature() {
        ArchRule rule = noClasses().that().resideInAnyPackage("..poller.subscription..", "..poller.tracking..",
                        "..poller.capture..", "..poller.events..", "..poller.typed..")
                // Wiring, typed configuration, the web endpoint, the health indicator and the group lifecycle are
                // the Spring edges of each feature.
                .and().haveNameNotMatching(".*(Configuration|Settings|Endpoint|Health|Lifecycle)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..");
        rule.check(POLLER);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.poller.(*)..").should().beFreeOfCycles().check(POLLER);
    }

    @Test
    void onlyTheContractMappingsUseAvro() {
        noClasses().that().resideOutsideOfPackages("..poller.events..", "..poller.typed..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.avro..")
                .because("rows arrive typed by crm-client; reading Avro values is the contract mappings' job "
                        + "(events: the generic contract; typed: the per-table schemas built from metadata)")
                .check(POLLER);
    }

    @Test
    void theTypedMappingIsPlainJava() {
        noClasses().that().resideInAPackage("..poller.typed..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.crmbridge.poller.capture..", "io.crmbridge.poller.events..",
                        "io.crmbridge.poller.subscription..", "io.crmbridge.poller.tracking..")
                .because("the column mapping is plain Java the capture and the events wire, never the other way")
                .check(POLLER);
    }
}
