package io.crmbridge.schemas.serde;

import java.util.Map;
import java.util.stream.Stream;

import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContractRoundTripTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerializer<Object> serializer = new AvroSerializer<>(registry, Map.of(), false);

    static Stream<SpecificRecord> everyContract() {
        return ContractFixtures.everyContract().stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyContract")
    void readsEveryContractBackIntoItsGeneratedClass(SpecificRecord contract) {
        AvroDeserializer<Object> specific = new AvroDeserializer<>(registry,
                Map.of("specific.avro.reader", true), false);
        String topic = topicOf(contract);

        Object read = specific.deserialize(topic, serializer.serialize(topic, contract));

        assertThat(read).isInstanceOf(contract.getClass()).isEqualTo(contract);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyContract")
    void readsEveryContractBackAsAGenericRecordHoldingEveryField(SpecificRecord contract) {
        AvroDeserializer<Object> generic = new AvroDeserializer<>(registry, Map.of(), false);
        AvroDeserializer<Object> specific = new AvroDeserializer<>(registry,
                Map.of("specific.avro.reader", true), false);
        String topic = topicOf(contract);

        Object read = generic.deserialize(topic, serializer.serialize(topic, contract));

        assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(SpecificRecord.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.getSchema()).isEqualTo(contract.getSchema());
        int connectionId = contract.getSchema().getField("connectionId").pos();
        assertThat(record.get("connectionId")).isEqualTo(contract.get(connectionId));
        // Written again from the generic record, it reads back as the very contract: no field was lost or altered.
        assertThat(specific.deserialize(topic, serializer.serialize(topic, record))).isEqualTo(contract);
    }

    private static String topicOf(SpecificRecord contract) {
        return "crm." + contract.getSchema().getName();
    }
}
