package io.crmbridge.schemas.serde;

import java.util.Map;

import io.crmbridge.schemas.registry.Compatibility;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UseLatestVersionTest {

    static final Schema V1 = SchemaBuilder.record("Greeting").namespace("test.latest").fields()
            .requiredString("name").endRecord();
    static final Schema V2 = SchemaBuilder.record("Greeting").namespace("test.latest").fields()
            .requiredString("name").name("count").type().intType().intDefault(0).endRecord();
    private static final Map<String, Object> USE_LATEST = Map.of(
            "use.latest.version", true, "auto.register.schemas", false);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final int v1 = registry.register("greetings-value", V1);
    private final int v2 = registry.register("greetings-value", V2);

    @Test
    void tagsRecordsOfTheLatestSchemaWithItsId() {
        byte[] bytes = new AvroSerializer<>(registry, USE_LATEST, false).serialize("greetings", record(V2, "ann", 5));

        assertThat(bytes).startsWith(0, 0, 0, 0, v2);
        assertThat(read(bytes)).isEqualTo(record(V2, "ann", 5));
    }

    @Test
    void convertsARecordOfAnOlderSchemaToTheLatestBeforeWriting() {
        byte[] bytes = new AvroSerializer<>(registry, USE_LATEST, false).serialize("greetings", record(V1, "bob", 0));

        assertThat(bytes).startsWith(0, 0, 0, 0, v2);
        assertThat(read(bytes)).isEqualTo(record(V2, "bob", 0));
        assertThat(registry.versions("greetings-value", true)).containsExactly(1, 2);
        assertThat(v1).isNotEqualTo(v2);
    }

    @Test
    void refusesARecordTheLatestSchemaCannotReadWhenStrict() {
        registry.setCompatibility("greetings-value", Compatibility.NONE);
        registry.register("greetings-value", SchemaBuilder.record("Greeting").namespace("test.latest").fields()
                .requiredString("name").requiredString("mandatory").endRecord());

        assertThatThrownBy(() -> new AvroSerializer<>(registry, USE_LATEST, false)
                .serialize("greetings", record(V1, "cy", 0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Latest version 3").hasMessageContaining("cannot read records")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void failsClearlyWhenTheSubjectHasNoVersion() {
        assertThatThrownBy(() -> new AvroSerializer<>(registry, USE_LATEST, false)
                .serialize("farewells", record(V1, "dee", 0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("latest version of subject 'farewells-value'")
                .hasMessageContaining("not found");
    }

    private GenericRecord read(byte[] bytes) {
        return (GenericRecord) new AvroDeserializer<>(registry, Map.of(), false).deserialize("greetings", bytes);
    }

    static GenericRecord record(Schema schema, String name, int count) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("name", name);
        if (schema.getField("count") != null) {
            record.put("count", count);
        }
        return record;
    }
}
