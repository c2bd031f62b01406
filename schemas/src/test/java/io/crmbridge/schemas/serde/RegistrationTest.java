package io.crmbridge.schemas.serde;

import java.util.Map;

import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import io.crmbridge.schemas.registry.SchemaRegistryException;
import io.crmbridge.events.RecordChanged;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationTest {

    private static final String TOPIC = "crm.changes.account";

    @AfterEach
    void dropMockScopes() {
        InMemorySchemaRegistry.dropScope("registration");
        InMemorySchemaRegistry.dropScope("other");
    }

    @Test
    void registersTheSchemaUnderTheTopicValueSubjectByDefault() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

        byte[] bytes = new AvroSerializer<>(registry, Map.of(), false)
                .serialize(TOPIC, ContractFixtures.recordChanged());

        assertThat(registry.subjects(false)).containsExactly(TOPIC + "-value");
        assertThat(registry.latest(TOPIC + "-value").schema()).isEqualTo(RecordChanged.getClassSchema());
        assertThat(bytes[4]).isEqualTo((byte) registry.latest(TOPIC + "-value").id());
    }

    @Test
    void refusesAnUnregisteredSchemaWhenAutoRegisterIsOff() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry,
                Map.of("auto.register.schemas", "false"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, ContractFixtures.recordChanged()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Schema not registered")
                .hasMessageContaining("io.crmbridge.events.RecordChanged")
                .hasMessageContaining("'" + TOPIC + "-value'")
                .hasMessageContaining("auto.register.schemas=false")
                .hasCauseInstanceOf(SchemaRegistryException.class);
        assertThat(registry.subjects(true)).isEmpty();
    }

    @Test
    void usesAnAlreadyRegisteredSchemaWhenAutoRegisterIsOff() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("filler", SchemaBuilder.record("Filler").fields().endRecord());
        int id = registry.register(TOPIC + "-value", RecordChanged.getClassSchema());

        byte[] bytes = new AvroSerializer<>(registry, Map.of("auto.register.schemas", false), false)
                .serialize(TOPIC, ContractFixtures.recordChanged());

        assertThat(bytes).startsWith(0, 0, 0, 0, id);
        assertThat(registry.versions(TOPIC + "-value", true)).containsExactly(1);
    }

    @Test
    void refusesASchemaIncompatibleWithTheSubjectNamingTheRegistryReason() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("greetings-value", SchemaBuilder.record("Greeting").fields().requiredString("name")
                .endRecord());
        GenericRecord withNewRequiredField = new GenericData.Record(SchemaBuilder.record("Greeting").fields()
                .requiredString("name").requiredInt("count").endRecord());
        withNewRequiredField.put("name", "x");
        withNewRequiredField.put("count", 1);

        assertThatThrownBy(() -> new AvroSerializer<>(registry, Map.of(), false).serialize("greetings",
                withNewRequiredField))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not register schema Greeting under subject 'greetings-value'")
                .hasMessageContaining("incompatible").hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void asksTheRegistryOnlyForTheFirstRecordOfEachSchema() {
        CountingSchemaRegistry registry = new CountingSchemaRegistry();
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, Map.of(), false);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry,
                Map.of("specific.avro.reader", "true"), false);

        for (int i = 0; i < 1_000; i++) {
            boolean result = i % 3 == 0;
            Object record = result ? ContractFixtures.writeResult() : ContractFixtures.recordChanged();
            String topic = (result ? "crm.write-results" : "crm.changes.account") + (i % 2 == 0 ? "" : ".eu");
            assertThat(deserializer.deserialize(topic, serializer.serialize(topic, record))).isEqualTo(record);
        }

        // 4 registrations, one per (topic, schema); 2 fetches by id, as a schema has one id on every subject.
        assertThat(registry.calls.get()).isEqualTo(4 + 2);
    }

    @Test
    void sharesOneInMemoryRegistryPerMockScope() {
        Map<String, Object> configs = Map.of("schema.registry.url", "mock://registration");
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(configs, false);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", "mock://registration", "specific.avro.reader", true),
                false);
        AvroDeserializer<Object> elsewhere = new AvroDeserializer<>();
        elsewhere.configure(Map.of("schema.registry.url", "mock://other"), false);

        byte[] bytes = serializer.serialize(TOPIC, ContractFixtures.recordChanged());

        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(ContractFixtures.recordChanged());
        assertThat(InMemorySchemaRegistry.forScope("registration").subjects(false)).containsExactly(TOPIC + "-value");
        assertThatThrownBy(() -> elsewhere.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown schema id 1");
    }

    @Test
    void needsARegistryUrlWhenGivenNoRegistry() {
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    }
}
