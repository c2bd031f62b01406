package io.crmbridge.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The local stack starts the three services as they are, through their application classes only, and its CLI is
 * an independent client: it knows the contracts (the Avro classes and the serde), never a service's internals or
 * the stack that runs it — what it can do, any other team's client can do.
 */
class ArchitectureTest {

    private static final String[] SERVICES = {"io.crmbridge.token..", "io.crmbridge.poller..",
            "io.crmbridge.action..", "io.crmbridge.crm.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.local");

    @Test
    void theCliIsAClientOfTheContractsOnly() {
        noClasses().that().resideInAPackage("io.crmbridge.local.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.crmbridge.sandbox..")
                .orShould().dependOnClassesThat().resideInAPackage("io.crmbridge.local")
                .check(classes);
    }

    @Test
    void theStackReachesTheServicesOnlyThroughTheirApplicationClasses() {
        noClasses().that().resideInAPackage("io.crmbridge.local")
                .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAnyPackage(SERVICES).and(not(nameMatching(".*\\.[A-Za-z]+ServiceApplication"))))
                .check(classes);
    }
}
