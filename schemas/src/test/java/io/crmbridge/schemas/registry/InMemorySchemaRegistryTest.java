package io.crmbridge.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySchemaRegistryTest {

    static final Schema V1 = SchemaBuilder.record("Account").namespace("test.registry").fields()
            .requiredString("id").endRecord();
    static final Schema V2_OPTIONAL_NAME = SchemaBuilder.record("Account").namespace("test.registry").fields()
            .requiredString("id").optionalString("name").endRecord();
    static final Schema V2_REQUIRED_NAME = SchemaBuilder.record("Account").namespace("test.registry").fields()
            .requiredString("id").requiredString("name").endRecord();
    static final Schema WITHOUT_ID = SchemaBuilder.record("Account").namespace("test.registry").fields()
            .optionalString("name").endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @AfterEach
    void dropScopes() {
        InMemorySchemaRegistry.dropScope("a");
    }

    @Test
    void givesOneSchemaTheSameGlobalIdUnderEverySubject() {
        int first = registry.register("accounts-value", V1);
        int again = registry.register("accounts-value", V1);
        int elsewhere = registry.register("archive-value", V1);
        int other = registry.register("accounts-value", V2_OPTIONAL_NAME);

        assertThat(first).isEqualTo(1).isEqualTo(again).isEqualTo(elsewhere);
        assertThat(other).isEqualTo(2);
        assertThat(registry.versions("accounts-value", false)).containsExactly(1, 2);
        assertThat(registry.versions("archive-value", false)).containsExactly(1);
        assertThat(registry.usesOf(1, false)).extracting(RegisteredSchema::subject)
                .containsExactly("accounts-value", "archive-value");
    }

    @Test
    void answersTheLatestVersionAndAnyVersionAndSchemaById() {
        registry.register("accounts-value", V1);
        registry.register("accounts-value", V2_OPTIONAL_NAME);

        assertThat(registry.latest("accounts-value"))
                .isEqualTo(new RegisteredSchema("accounts-value", 2, 2, V2_OPTIONAL_NAME));
        assertThat(registry.version("accounts-value", 1, false).schema()).isEqualTo(V1);
        assertThat(registry.schemaById(2)).isEqualTo(V2_OPTIONAL_NAME);
        assertThat(registry.lookup("accounts-value", V1).version()).isEqualTo(1);
    }

    @Test
    void namesWhatIsMissingWithConfluentErrorCodes() {
        registry.register("accounts-value", V1);

        assertError(() -> registry.latest("contacts-value"), 404, 40401, "Subject 'contacts-value' not found.");
        assertError(() -> registry.version("accounts-value", 9, false), 404, 40402, "Version 9 not found.");
        assertError(() -> registry.schemaById(42), 404, 40403, "Schema 42 not found");
        assertError(() -> registry.lookup("accounts-value", V2_OPTIONAL_NAME), 404, 40403, "Schema not found");
        assertError(() -> registry.lookup("contacts-value", V1), 404, 40401, "not found");
    }

    @Test
    void refusesABackwardIncompatibleSchemaByDefault() {
        registry.register("accounts-value", V1);

        assertThat(registry.isCompatible("accounts-value", V2_REQUIRED_NAME)).isFalse();
        assertThat(registry.isCompatible("accounts-value", V2_OPTIONAL_NAME)).isTrue();
        assertThat(registry.isCompatible("new-subject", V2_REQUIRED_NAME)).isTrue();
        assertError(() -> registry.register("accounts-value", V2_REQUIRED_NAME), 409, 409,
                "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.versions("accounts-value", true)).containsExactly(1);
    }

    @Test
    void judgesForwardFullAndNoneAsConfluentDefinesThem() {
        registry.register("accounts-value", V1);

        registry.setCompatibility("accounts-value", Compatibility.FORWARD);
        assertThat(registry.isCompatible("accounts-value", V2_REQUIRED_NAME)).isTrue();
        assertThat(registry.isCompatible("accounts-value", WITHOUT_ID)).isFalse();

        registry.setCompatibility("accounts-value", Compatibility.FULL);
        assertThat(registry.isCompatible("accounts-value", V2_REQUIRED_NAME)).isFalse();
        assertThat(registry.isCompatible("accounts-value", V2_OPTIONAL_NAME)).isTrue();

        registry.setCompatibility("accounts-value", Compatibility.NONE);
        assertThat(registry.isCompatible("accounts-value", V2_REQUIRED_NAME)).isTrue();

        assertThat(registry.clearCompatibility("accounts-value")).contains(Compatibility.NONE);
        assertThat(registry.isCompatible("accounts-value", V2_REQUIRED_NAME)).isFalse();
    }

    @Test
    void checksEveryEarlierVersionOnlyWhenTransitive() {
        registry.setCompatibility(Compatibility.NONE);
        registry.register("accounts-value", V1);
        registry.register("accounts-value", WITHOUT_ID);
        Schema nameAndNickname = SchemaBuilder.record("Account").namespace("test.registry").fields()
                .optionalString("name").optionalString("nickname").endRecord();

        registry.setCompatibility(Compatibility.FORWARD);
        assertThat(registry.compatibilityProblems("accounts-value", nameAndNickname)).isEmpty();
        registry.setCompatibility(Compatibility.FORWARD_TRANSITIVE);
        assertThat(registry.compatibilityProblems("accounts-value", nameAndNickname))
                .isNotEmpty().allSatisfy(problem -> assertThat(problem).startsWith("FORWARD against version 1"));
        registry.setCompatibility(Compatibility.BACKWARD_TRANSITIVE);
        assertThat(registry.compatibilityProblems("accounts-value", V2_REQUIRED_NAME))
                .anySatisfy(problem -> assertThat(problem).startsWith("BACKWARD against version 1"));
        registry.setCompatibility(Compatibility.BACKWARD);
        assertThat(registry.compatibilityProblems("accounts-value", V2_REQUIRED_NAME))
                .isNotEmpty().allSatisfy(problem -> assertThat(problem).startsWith("BACKWARD against version 2"));
    }

    @Test
    void hidesSoftDeletedSubjectsAndForgetsThemOnlyWhenPermanentlyDeletedAfterwards() {
        registry.register("accounts-value", V1);
        registry.register("accounts-value", V2_OPTIONAL_NAME);

        assertError(() -> registry.deleteSubject("accounts-value", true), 404, 40405, "not deleted first");
        assertThat(registry.deleteSubject("accounts-value", false)).containsExactly(1, 2);

        assertThat(registry.subjects(false)).isEmpty();
        assertThat(registry.subjects(true)).containsExactly("accounts-value");
        assertError(() -> registry.latest("accounts-value"), 404, 40401, "not found");
        assertThat(registry.schemaById(1)).isEqualTo(V1);

        assertThat(registry.register("accounts-value", V1)).isEqualTo(1);
        assertThat(registry.versions("accounts-value", true)).containsExactly(1, 2, 3);
        registry.deleteVersion("accounts-value", 3, false);
        assertThat(registry.deleteSubject("accounts-value", true)).containsExactly(1, 2, 3);
        assertThat(registry.subjects(true)).isEmpty();
    }

    @Test
    void sharesOneRegistryPerMockScope() {
        InMemorySchemaRegistry.forScope("a").register("s", V1);

        assertThat(InMemorySchemaRegistry.forScope("a").subjects(false)).containsExactly("s");
        assertThat(InMemorySchemaRegistry.forScope("b").subjects(false)).isEmpty();
        InMemorySchemaRegistry.dropScope("a");
        assertThat(InMemorySchemaRegistry.forScope("a").subjects(false)).isEmpty();
    }

    @Test
    void parsesOnlyAvroSchemasAndNamesWhatIsWrong() {
        assertThat(SchemaType.named(null).parse(V1.toString())).isEqualTo(V1);
        assertError(() -> SchemaType.named("PROTOBUF"), 422, 42201, "PROTOBUF");
        assertError(() -> SchemaType.AVRO.parse("{\"type\": \"record\"}"), 422, 42201, "Invalid schema");
        assertError(() -> Compatibility.named("SIDEWAYS"), 422, 42203, "SIDEWAYS");
        assertThat(Compatibility.named("full_transitive")).isEqualTo(Compatibility.FULL_TRANSITIVE);
    }

    private static void assertError(Runnable call, int status, int errorCode, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.errorCode()).isEqualTo(errorCode);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
