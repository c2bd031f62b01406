package io.crmbridge.schemas.serde;

import java.util.Map;

import io.crmbridge.events.RecordChanged;
import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each test starts from Avro's own trust list, as a fresh JVM does, whatever ran before it. */
class ClassSecurityTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private ClassSecurityValidator.ClassSecurityPredicate before;

    @BeforeEach
    void startFromAvroDefaults() {
        before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);
    }

    @AfterEach
    void restoreWhatOtherTestsFound() {
        ClassSecurityValidator.setGlobal(before);
    }

    @Test
    void avroAloneDoesNotTrustTheGeneratedContracts() {
        assertThatThrownBy(() -> ClassSecurityValidator.validate(RecordChanged.class))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void aNewDeserializerTrustsTheContractsPackage() {
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry,
                Map.of("specific.avro.reader", true), false);

        assertThatCode(() -> ClassSecurityValidator.validate(RecordChanged.class)).doesNotThrowAnyException();
        byte[] bytes = new AvroSerializer<>(registry, Map.of(), false).serialize("t", ContractFixtures.recordChanged());
        assertThat(deserializer.deserialize("t", bytes)).isEqualTo(ContractFixtures.recordChanged());
    }

    @Test
    void aNewSerializerTrustsTheContractsPackageAndKeepsAvrosOwnRules() {
        new AvroSerializer<>(registry);

        assertThatCode(() -> ClassSecurityValidator.validate(RecordChanged.class)).doesNotThrowAnyException();
        assertThatCode(() -> ClassSecurityValidator.validate(String.class)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ClassSecurityValidator.validate(java.io.File.class))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> ClassSecurityValidator.validate(ClassSecurityTest.class))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void trustsAgainAfterSomethingElseReplacedTheValidator() {
        new AvroSerializer<>(registry);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);

        new AvroDeserializer<>(registry);

        assertThatCode(() -> ClassSecurityValidator.validate(RecordChanged.class)).doesNotThrowAnyException();
    }
}
