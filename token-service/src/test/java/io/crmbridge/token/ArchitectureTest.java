package io.crmbridge.token;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries STYLE.md sets for the token-service, checked on its production classes.
 *
 * <p>The core of every feature is plain Java. The edges are:
 * <ul>
 *   <li>Kafka adapters, named after their technology: {@code Kafka*} in any feature (the vault's storage, the
 *       ownership group, the start-up order, readiness);</li>
 *   <li>Spring adapters, named after their role: the admin API ({@code *Api}), pages ({@code *Page}), the OAuth
 *       callback ({@code *Callback}), {@code *Security}, and the refresh {@code *Ticker};</li>
 *   <li>wiring: {@code *Configuration}, typed settings ({@code *Properties}) and the application class;</li>
 *   <li>{@code events/}, the Avro mapping, the only package that sees the generated contracts.</li>
 * </ul>
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.crmbridge.token");

    // A class and its nested, anonymous and lambda classes: Outer, Outer$Inner, Outer$1.
    private static final String NESTED = "(\\$.*)?";

    private static final DescribedPredicate<JavaClass> KAFKA_ADAPTERS =
            named("Kafka adapters", ".*\\.Kafka[A-Za-z]*");

    private static final DescribedPredicate<JavaClass> SPRING_ADAPTERS =
            named("Spring adapters", ".*\\.[A-Za-z]*(Api|Page|Callback|Security|Ticker)");

    private static final DescribedPredicate<JavaClass> WIRING =
            named("wiring", ".*\\.([A-Za-z]*(Configuration|Properties)|TokenServiceApplication)");

    private static DescribedPredicate<JavaClass> named(String description, String regex) {
        return DescribedPredicate.describe(description, (JavaClass c) -> c.getName().matches(regex + NESTED));
    }

    @Test
    void onlyTheEventsPackageTouchesTheAvroContracts() {
        noClasses().that().resideOutsideOfPackage("io.crmbridge.token.events..")
                .should().dependOnClassesThat().resideInAnyPackage("io.crmbridge.events..", "org.apache.avro..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.crmbridge.token.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noFeatureDependsOnTheEventsPackage() {
        noClasses().that().resideInAPackage("io.crmbridge.token.(*)..")
                .and(not(resideInAPackage("io.crmbridge.token.events..")))
                .should().dependOnClassesThat().resideInAPackage("io.crmbridge.token.events..")
                .check(CLASSES);
    }

    @Test
    void connectionsAndRefreshingAreFreeOfSpringAndKafka() {
        noClasses().that().resideInAnyPackage("io.crmbridge.token.connection..", "io.crmbridge.token.refresh..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.crmbridge.schemas..")
                .check(CLASSES);
    }

    @Test
    void onlyKafkaAdaptersAndTheWiringTalkToKafka() {
        noClasses().that(not(KAFKA_ADAPTERS.or(WIRING)))
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void onlyAdaptersAndTheWiringUseSpring() {
        noClasses().that(not(KAFKA_ADAPTERS.or(SPRING_ADAPTERS).or(WIRING)))
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }
}
