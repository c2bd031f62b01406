package io.crmbridge.crm;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * crm-client's boundaries: the Web API parsing, failure classification, pacing and connection availability are
 * plain Java; Kafka lives in the adapters that follow and write topics ({@code topic}, {@code token}); Spring only
 * in {@code autoconfigure}; the Avro contracts only where records are mapped to and from them.
 */
class ArchitectureTest {

    private static final String[] PLAIN = {"..crm.record..", "..crm.failure..", "..crm.governor..",
            "..crm.metadata..", "..crm.connection.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.crm");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.crm.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void parsingClassificationPacingAndAvailabilityKnowNothingOfHttpOrKafka() {
        noClasses().that().resideInAnyPackage(PLAIN)
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "reactor.netty..", "org.apache.kafka..",
                        "io.crmbridge.crm.webapi..", "io.crmbridge.crm.token..", "io.crmbridge.crm.topic..")
                .check(classes);
    }

    @Test
    void onlyTheTopicAndTokenAdaptersTalkToKafka() {
        noClasses().that().resideOutsideOfPackages("io.crmbridge.crm.token..", "io.crmbridge.crm.topic..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
                .check(classes);
    }

    @Test
    void onlyTheContractMappingsUseAvro() {
        // record/ types row values the way the contracts carry them; token/ and topic/ read the contracts' topics.
        noClasses().that().resideOutsideOfPackages("io.crmbridge.crm.token..", "io.crmbridge.crm.topic..",
                        "io.crmbridge.crm.record..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "io.crmbridge.events..")
                .check(classes);
    }

    @Test
    void onlyTheAutoConfigurationKnowsSpring() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.crm.autoconfigure..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..").check(classes);
    }
}
