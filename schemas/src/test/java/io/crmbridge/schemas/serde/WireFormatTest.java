package io.crmbridge.schemas.serde;

import java.util.Map;

import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatTest {

    private static final Schema GREETING = SchemaBuilder.record("Greeting").namespace("test.wire").fields()
            .requiredString("name").requiredInt("count").endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void writesMagicByteThenBigEndianSchemaIdThenAvroBinary() {
        // Push the id past one byte (300 = 0x0000012C) so a little-endian or one-byte id would show.
        for (int i = 1; i < 300; i++) {
            registry.register("filler-" + i, SchemaBuilder.record("Filler" + i).fields().endRecord());
        }
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, Map.of(), false);

        byte[] bytes = serializer.serialize("greetings", greeting("ab", 3));

        assertThat(bytes).containsExactly(
                0x00,                   // magic byte
                0x00, 0x00, 0x01, 0x2C, // schema id 300, big-endian
                0x04, 'a', 'b',         // string: zig-zag length 2, then UTF-8
                0x06);                  // int 3, zig-zag
        assertThat(registry.latest("greetings-value").id()).isEqualTo(300);
    }

    @Test
    void readsBytesFramedByHand() {
        int id = registry.register("greetings-value", GREETING);
        byte[] framed = {0x00, 0, 0, 0, (byte) id, 0x02, 'z', (byte) 0xC8, 0x01}; // "z", 100

        GenericRecord read = (GenericRecord) new AvroDeserializer<>(registry, Map.of(), false)
                .deserialize("greetings", framed);

        assertThat(read.get("name").toString()).isEqualTo("z");
        assertThat(read.get("count")).isEqualTo(100);
    }

    @Test
    void writesAndReadsPrimitiveKeysAsConfluentDoes() {
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, Map.of(), true);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry, Map.of(), true);

        byte[] bytes = serializer.serialize("greetings", "contoso:42");

        assertThat(registry.latest("greetings-key").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(bytes).startsWith(0x00, 0, 0, 0, registry.latest("greetings-key").id(), 20);
        assertThat(deserializer.deserialize("greetings", bytes)).isEqualTo("contoso:42");
        assertThat(deserializer.deserialize("counters", serializer.serialize("counters", 7L))).isEqualTo(7L);
    }

    static GenericRecord greeting(String name, int count) {
        GenericRecord record = new GenericData.Record(GREETING);
        record.put("name", name);
        record.put("count", count);
        return record;
    }
}
