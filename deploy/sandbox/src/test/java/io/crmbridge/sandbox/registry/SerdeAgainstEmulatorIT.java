package io.crmbridge.sandbox.registry;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.ChangeSource;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serde end to end, configured as Kafka configures it, against the sandbox's registry over HTTP. */
class SerdeAgainstEmulatorIT {

    private static Sandbox sandbox;
    private static Map<String, Object> registry;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        registry = Map.of("schema.registry.url", sandbox.registryUrl().toString());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void writesAndReadsBackContractsThroughTheEmulator() {
        AvroSerializer<Object> serializer = configured(new AvroSerializer<>(), Map.of());
        AvroDeserializer<Object> specific = configured(new AvroDeserializer<>(), Map.of("specific.avro.reader", true));
        AvroDeserializer<Object> generic = configured(new AvroDeserializer<>(), Map.of());
        List<SpecificRecord> contracts = List.of(recordChanged(), writeResult());

        for (SpecificRecord contract : contracts) {
            String topic = "crm." + contract.getSchema().getName();
            byte[] bytes = serializer.serialize(topic, contract);

            assertThat(specific.deserialize(topic, bytes)).isEqualTo(contract);
            assertThat(((GenericRecord) generic.deserialize(topic, bytes)).getSchema()).isEqualTo(contract.getSchema());
            assertThat(sandbox.registry().registry().latest(topic + "-value").schema()).isEqualTo(contract.getSchema());
        }
    }

    @Test
    void refusesAnUnregisteredSchemaOverRestWhenAutoRegisterIsOff() {
        AvroSerializer<Object> serializer = configured(new AvroSerializer<>(), Map.of("auto.register.schemas", false));

        assertThatThrownBy(() -> serializer.serialize("crm.unregistered", recordChanged()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Schema not registered").hasMessageContaining("crm.unregistered-value")
                .hasMessageContaining("HTTP 404").hasMessageContaining("40401");
    }

    @Test
    void namesAnUnknownSchemaIdFetchedOverRest() {
        AvroDeserializer<Object> deserializer = configured(new AvroDeserializer<>(), Map.of());

        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0x0f, 0x42, 0x40, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown schema id 1000000");
    }

    private static AvroSerializer<Object> configured(AvroSerializer<Object> serializer, Map<String, Object> extra) {
        serializer.configure(with(extra), false);
        return serializer;
    }

    private static AvroDeserializer<Object> configured(AvroDeserializer<Object> deserializer,
                                                       Map<String, Object> extra) {
        deserializer.configure(with(extra), false);
        return deserializer;
    }

    private static Map<String, Object> with(Map<String, Object> extra) {
        HashMap<String, Object> configs = new HashMap<>(registry);
        configs.putAll(extra);
        return configs;
    }

    private static RecordChanged recordChanged() {
        return RecordChanged.newBuilder()
                .setEventId("contoso-prod:account:1:7").setConnectionId("contoso-prod").setEntity("account")
                .setRecordId("6f1b5a3c-2d4e-4f60-9a7b-8c9d0e1f2a3b")
                .setChangeType(ChangeType.UPDATED)
                .setAttributes(Map.of("name", "Fourth Coffee", "numberofemployees", 250))
                .setFormattedValues(Map.of())
                .setSource(ChangeSource.CHANGE_TRACKING)
                .setCapturedAt(Instant.parse("2024-05-01T10:15:30.123Z"))
                .build();
    }

    private static WriteResult writeResult() {
        return WriteResult.newBuilder()
                .setCommandId("orders-1").setConnectionId("contoso-prod").setEntity("account")
                .setOperation(WriteOperation.UPDATE)
                .setStatus(WriteStatus.SUCCEEDED)
                .setRecordId("6f1b5a3c-2d4e-4f60-9a7b-8c9d0e1f2a3b").setHttpStatus(204).setRetryable(false)
                .setAttempts(1).setCompletedAt(Instant.parse("2024-05-01T10:15:31Z"))
                .setHeaders(Map.of())
                .build();
    }
}
