package io.crmbridge.action;

import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.crmbridge.crm.webapi.WebApiRequest;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private static final String[] CORE = {"..action.command..", "..action.execution..", "..action.holding..",
            "..action.planning..", "..action.table.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.action");

    @Test
    void onlyTheEventsPackageUsesTheGeneratedAvroClasses() {
        noClasses().that().resideOutsideOfPackage("..action.events..")
                .should().dependOnClassesThat().resideInAPackage("io.crmbridge.events..")
                .check(classes);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.action.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreKnowsNothingOfSpringOrKafka() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.micrometer..", "reactor..")
                .check(classes);
    }

    @Test
    void theCoreDoesNotReachIntoItsAdapters() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("..action.pipeline..", "..action.events..",
                        "..action.dataverse..", "..action.monitoring..")
                .check(classes);
    }

    @Test
    void writeRequestsAreShapedOnlyByCrmClient() {
        noClasses().should().callConstructor(WebApiRequest.class, String.class, String.class, Map.class, byte[].class)
                .orShould().callMethod(WebApiRequest.class, "json", String.class, String.class, byte[].class)
                .orShould().callMethod(WebApiRequest.class, "json", String.class, String.class, String.class)
                .orShould().callMethod(WebApiRequest.class, "withHeader", String.class, String.class)
                .because("crm-client's WriteRequests is the one place that shapes Dataverse write requests")
                .check(classes);
    }
}
