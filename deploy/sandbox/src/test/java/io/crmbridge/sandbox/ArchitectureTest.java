package io.crmbridge.sandbox;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The sandbox imitates Dataverse, Entra ID / AD FS and a schema registry: it must never borrow the product's code
 * (a sandbox that shares the client's parsing agrees with it by construction and proves nothing). Identity knows
 * nothing of Dataverse; Dataverse reaches identity only to check bearer tokens; only the registry emulator speaks
 * Avro; Spring Boot only in the root package (the application and its properties).
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.sandbox");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.sandbox.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void borrowsNothingFromTheProduct() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.crmbridge.crm..", "io.crmbridge.token..",
                "io.crmbridge.poller..", "io.crmbridge.action..", "io.crmbridge.events..").check(classes);
    }

    @Test
    void identityKnowsNothingOfTheOtherEmulators() {
        noClasses().that().resideInAPackage("io.crmbridge.sandbox.identity..")
                .should().dependOnClassesThat().resideInAnyPackage("io.crmbridge.sandbox.dataverse..",
                        "io.crmbridge.sandbox.admin..", "io.crmbridge.sandbox.traffic..",
                        "io.crmbridge.sandbox.registry..")
                .check(classes);
    }

    @Test
    void dataverseReachesIdentityOnlyToCheckBearerTokens() {
        noClasses().that().resideInAPackage("io.crmbridge.sandbox.dataverse..")
                .should().dependOnClassesThat(resideInAPackage("io.crmbridge.sandbox.identity..")
                        .and(not(nameMatching("io\\.crmbridge\\.sandbox\\.identity\\.AccessTokens(\\$.*)?"))))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.crmbridge.sandbox.admin..",
                        "io.crmbridge.sandbox.traffic..", "io.crmbridge.sandbox.registry..")
                .check(classes);
    }

    @Test
    void onlyTheRegistryEmulatorSpeaksAvro() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.sandbox.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "io.crmbridge.schemas..")
                .check(classes);
    }

    @Test
    void springBootOnlyInTheApplication() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.sandbox")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(classes);
    }

    @Test
    void noKafka() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..").check(classes);
    }
}
