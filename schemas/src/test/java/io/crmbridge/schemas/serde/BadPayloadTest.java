package io.crmbridge.schemas.serde;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BadPayloadTest {

    private static final String TOPIC = "crm.changes.account";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerializer<Object> serializer = new AvroSerializer<>(registry, Map.of(), false);
    private final AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry,
            Map.of("specific.avro.reader", true), false);
    private final byte[] valid = serializer.serialize(TOPIC, ContractFixtures.recordChanged());

    @Test
    void refusesAWrongMagicByte() {
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 0x01;

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, wrongMagic))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x01").hasMessageContaining(TOPIC);
    }

    @Test
    void refusesAnUnknownSchemaId() {
        byte[] unknownId = valid.clone();
        unknownId[1] = 0x7f; // id 0x7f000001

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id " + 0x7f000001);
    }

    @Test
    void refusesAPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Truncated payload").hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Truncated payload");
    }

    @Test
    void refusesARecordCutShort() {
        byte[] cut = Arrays.copyOf(valid, valid.length - 10);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not match its writer schema id 1")
                .hasMessageContaining("io.crmbridge.events.RecordChanged");
    }

    @Test
    void refusesRandomGarbage() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            garbage[0] = (byte) (1 + random.nextInt(255));

            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, garbage))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
        }
    }

    @Test
    void refusesGarbageBehindAValidHeaderWithoutLeakingAvroInternals() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[5 + random.nextInt(300)];
            random.nextBytes(garbage);
            System.arraycopy(valid, 0, garbage, 0, 5);

            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, garbage))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("does not match its writer schema id 1");
        }
    }

    @Test
    void refusesBytesLeftOverAfterTheRecord() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not match").hasMessageContaining("left over");
    }

    @Test
    void refusesAnArrayClaimingMoreElementsThanThePayloadHolds() {
        var numbers = SchemaBuilder.record("Numbers").fields().name("values").type().array().items().intType()
                .noDefault().endRecord();
        GenericRecord empty = new GenericData.Record(numbers);
        empty.put("values", new GenericData.Array<>(0, numbers.getField("values").schema()));
        byte[] framed = serializer.serialize("numbers", empty);
        byte[] hostile = Arrays.copyOf(framed, 5 + 5);
        // block count 2^31-9 as a zig-zag varint, then nothing
        hostile[5] = (byte) 0xEE; hostile[6] = (byte) 0xFF; hostile[7] = (byte) 0xFF; hostile[8] = (byte) 0xFF;
        hostile[9] = 0x0F;

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, Map.of(), false).deserialize("numbers", hostile))
                .isInstanceOf(SerializationException.class).hasMessageContaining("does not match");
    }

    @Test
    void keepsNullANullBothWaysForTombstones() {
        assertThat(serializer.serialize(TOPIC, null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, (byte[]) null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), (ByteBuffer) null)).isNull();
    }

    @Test
    void readsFromAByteBufferSliceWithoutCopying() {
        byte[] padded = new byte[valid.length + 20];
        System.arraycopy(valid, 0, padded, 11, valid.length);
        ByteBuffer slice = ByteBuffer.wrap(padded, 11, valid.length).slice();

        assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), slice))
                .isEqualTo(ContractFixtures.recordChanged());
    }

    @Test
    void refusesToSerializeWhatIsNotAvro() {
        assertThatThrownBy(() -> serializer.serialize(TOPIC, new Object()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Cannot serialize a java.lang.Object");
    }

    @Test
    void refusesARecordThatDoesNotFitItsOwnSchema() {
        GenericRecord incomplete = new GenericData.Record(WireFormatTest.greeting("x", 1).getSchema());
        incomplete.put("name", "only a name");

        assertThatThrownBy(() -> serializer.serialize("greetings", incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not serialize").hasMessageContaining("greetings");
    }

    @Test
    void writesTheNextRecordCleanlyAfterOneFailedHalfway() {
        GenericRecord incomplete = new GenericData.Record(WireFormatTest.greeting("x", 1).getSchema());
        incomplete.put("name", "written before the failure");
        byte[] expected = serializer.serialize("greetings", WireFormatTest.greeting("ok", 2));

        assertThatThrownBy(() -> serializer.serialize("greetings", incomplete))
                .isInstanceOf(SerializationException.class);

        assertThat(serializer.serialize("greetings", WireFormatTest.greeting("ok", 2))).isEqualTo(expected);
    }
}
