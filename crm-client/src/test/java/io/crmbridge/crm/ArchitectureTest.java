package io.crmbridge.crm;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmbridge.crm");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.crm.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void parsingClassificationAndPacingKnowNothingOfHttpOrKafka() {
        noClasses().that().resideInAnyPackage("..record..", "..failure..", "..governor..", "..metadata..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "reactor.netty..",
                        "org.apache.kafka..", "io.crmbridge.crm.webapi..", "io.crmbridge.crm.token..")
                .check(classes);
    }

    @Test
    void onlyTheTokenPackageTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.crm.token..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
                .check(classes);
    }

    @Test
    void nothingDependsOnSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..").check(classes);
    }
}
