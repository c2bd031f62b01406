package io.crmbridge.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.crmbridge.schemas.serde.UseLatestVersionTest.V1;
import static io.crmbridge.schemas.serde.UseLatestVersionTest.V2;
import static io.crmbridge.schemas.serde.UseLatestVersionTest.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Records written with one version of a contract, read with another, through the serde and the registry. */
class EvolutionTest {

    private static final String TOPIC = "crm.changes.account";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerializer<Object> serializer = new AvroSerializer<>(registry, Map.of(), false);
    private final AvroDeserializer<Object> specific = new AvroDeserializer<>(registry,
            Map.of("specific.avro.reader", true), false);

    @Test
    void readsRecordsOfAnOlderContractIntoTheCurrentClassWithDefaultsForNewFields() throws IOException {
        Schema current = RecordChanged.getClassSchema();
        Schema older = withoutDefaultedFields(current);
        List<String> added = current.getFields().stream().map(Schema.Field::name)
                .filter(name -> older.getField(name) == null).toList();
        assertThat(added).isNotEmpty();
        RecordChanged fixture = ContractFixtures.recordChanged();

        byte[] bytes = serializer.serialize(TOPIC, converted(fixture, older));
        RecordChanged read = (RecordChanged) specific.deserialize(TOPIC, bytes);

        SpecificData model = SpecificData.getForClass(RecordChanged.class);
        for (Schema.Field field : current.getFields()) {
            Object expected = added.contains(field.name()) ? model.getDefaultValue(field) : fixture.get(field.pos());
            assertThat(read.get(field.pos())).as(field.name()).isEqualTo(expected);
        }
        assertThat(bytes).startsWith(0, 0, 0, 0, registry.latest(TOPIC + "-value").id());
        assertThat(registry.latest(TOPIC + "-value").schema()).isEqualTo(older);
    }

    @Test
    void readsRecordsOfANewerContractWithAnUnknownSymbolAsTheEnumDefault() throws IOException {
        Schema newer = withMergedChangeTypeAndNewField(RecordChanged.getClassSchema());
        GenericRecord fromNewerProducer = converted(ContractFixtures.recordChanged(), newer);
        Schema changeType = newer.getField("changeType").schema();
        fromNewerProducer.put("changeType", new GenericData.EnumSymbol(changeType, "MERGED"));
        fromNewerProducer.put("mergedInto", "another-account");

        byte[] bytes = serializer.serialize(TOPIC, fromNewerProducer);
        RecordChanged read = (RecordChanged) specific.deserialize(TOPIC, bytes);

        assertThat(read.getChangeType()).isEqualTo(ChangeType.UNKNOWN);
        assertThat(read.getAttributes()).isEqualTo(ContractFixtures.recordChanged().getAttributes());
        assertThat(read.getCapturedAt()).isEqualTo(ContractFixtures.AT);
    }

    @Test
    void readsOlderGenericRecordsAsTheLatestSchemaWithUseLatestVersion() {
        byte[] writtenWithV1 = serializer.serialize("greetings", record(V1, "ann", 0));
        registry.register("greetings-value", V2);

        Object read = new AvroDeserializer<>(registry, Map.of("use.latest.version", true), false)
                .deserialize("greetings", writtenWithV1);

        assertThat(read).isEqualTo(record(V2, "ann", 0));
        assertThat(((GenericRecord) read).getSchema()).isEqualTo(V2);
    }

    private static Schema withoutDefaultedFields(Schema current) {
        List<Schema.Field> kept = current.getFields().stream().filter(field -> !field.hasDefaultValue())
                .map(field -> new Schema.Field(field, field.schema())).toList();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, kept);
    }

    private static Schema withMergedChangeTypeAndNewField(Schema current) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode schema = (ObjectNode) json.readTree(current.toString());
        ArrayNode fields = (ArrayNode) schema.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asString().equals("changeType")) {
                ((ArrayNode) fields.get(i).get("type").get("symbols")).add("MERGED");
            }
        }
        ObjectNode mergedInto = fields.addObject().put("name", "mergedInto");
        mergedInto.putArray("type").add("null").add("string");
        mergedInto.putNull("default");
        return new Schema.Parser().parse(json.writeValueAsString(schema));
    }

    /** The fixture as another version of its schema would hold it, by Avro's own schema resolution. */
    private static GenericRecord converted(RecordChanged fixture, Schema target) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<RecordChanged>(RecordChanged.class).write(fixture, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(fixture.getSchema(), target)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
