package io.crmbridge.schemas;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * schemas' boundaries: the registry client ({@code registry}) and the Kafka serde ({@code serde}) are plain Java
 * that any client uses without Spring; the serde builds on the registry client, never the other way round; topic
 * creation ({@code topics}) stands apart, is the only user of Kafka's admin client and spring-kafka, and within it
 * only the auto-configuration and its properties know Spring. Nothing here is compiled against a generated
 * contract ({@code io.crmbridge.events}): the serde finds record classes by their schema's name.
 */
class ArchitectureTest {

    /** {@code TopicsAutoConfiguration}, {@code TopicProperties} and their nested classes. */
    private static final String SPRING_BINDING =
            "io\\.crmbridge\\.schemas\\.topics\\.(TopicsAutoConfiguration|TopicProperties)(\\$.*)?";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.schemas");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.schemas.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheTopicsAutoConfigurationKnowsSpring() {
        noClasses().that().haveNameNotMatching(SPRING_BINDING)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void theRegistryClientKnowsNeitherTheSerdeNorTopics() {
        noClasses().that().resideInAPackage("io.crmbridge.schemas.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("io.crmbridge.schemas.serde..",
                        "io.crmbridge.schemas.topics..")
                .check(classes);
    }

    @Test
    void theSerdeDoesNotDependOnTopics() {
        noClasses().that().resideInAPackage("io.crmbridge.schemas.serde..")
                .should().dependOnClassesThat().resideInAPackage("io.crmbridge.schemas.topics..")
                .check(classes);
    }

    @Test
    void topicCreationKnowsNothingOfAvroOrTheSerde() {
        noClasses().that().resideInAPackage("io.crmbridge.schemas.topics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..",
                        "io.crmbridge.schemas.serde..", "io.crmbridge.schemas.registry..")
                .check(classes);
    }

    @Test
    void onlyTopicsUsesTheKafkaAdminClient() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.schemas.topics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients.admin..",
                        "org.springframework.kafka..")
                .check(classes);
    }

    @Test
    void nothingIsCompiledAgainstAGeneratedContract() {
        // The serde trusts io.crmbridge.events by name (EventsPackageTrust) and loads classes by schema name.
        noClasses().should().dependOnClassesThat().resideInAPackage("io.crmbridge.events..").check(classes);
    }
}
