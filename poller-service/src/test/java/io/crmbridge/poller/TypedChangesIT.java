package io.crmbridge.poller;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.CaptureEventType;
import io.crmbridge.sandbox.dataverse.CustomColumn;
import io.crmbridge.sandbox.dataverse.Table;
import io.crmbridge.schemas.registry.Compatibility;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The TYPED format end to end: a subscription's changes on a topic of its connection and table, in Debezium's
 * envelope with a schema built from the table's metadata and the primary key as a record key, read by a consumer that
 * has nothing but the registered schemas; exact money at the column's scale; a delete as {@code op=d} with the key in
 * {@code before}, then a tombstone; a column added mid-run under a new schema version that the old one still reads.
 */
class TypedChangesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PollerRig rig;
    private static Scenario scenario;
    private static UUID contact;
    private static UUID account;

    @BeforeAll
    static void start() {
        rig = new PollerRig();
        scenario = rig.scenario("typed");
        contact = scenario.org("typed").table("contact").create(Map.of("firstname", "Susanna", "lastname", "Stubberod"));
        account = scenario.org("typed").table("account").create(Map.of("name", "Contoso",
                "revenue", new BigDecimal("1234.56"), "industrycode", 3, "primarycontactid", contact,
                "creditonhold", true, "numberofemployees", 120, "address1_latitude", 47.6,
                "lastusedincampaign", Instant.parse("2024-03-01T10:15:30Z")));
        scenario.org("other-org").table("account").create(Map.of("name", "Fabrikam"));
        for (String connection : List.of("typed", "other-org", "evolving")) {
            scenario.connect(connection);
        }
        scenario.poll("typed", "account", "name", "revenue", "industrycode", "primarycontactid", "creditonhold",
                        "numberofemployees", "address1_latitude", "lastusedincampaign")
                .with("crmbridge.poller.connections.typed.tables.account.format", "TYPED")
                .poll("other-org", "account", "name")
                .with("crmbridge.poller.connections.other-org.tables.account.format", "TYPED")
                .with("crmbridge.poller.connections.evolving.tables.account.format", "TYPED")
                .with("crmbridge.poller.metadata-refresh", "1s");
        scenario.startPoller();
    }

    @AfterAll
    static void stop() {
        scenario.close();
        rig.close();
    }

    @Test
    void aRowArrivesAsDebeziumsEnvelopeTypedByTheTablesMetadataThenItsUpdateItsDeleteAndATombstone() {
        await().atMost(WAIT).until(() -> scenario.typedRecords("typed", "account").size() == 1);
        ConsumerRecord<Object, Object> read = scenario.typedRecords("typed", "account").get(0);
        GenericRecord key = (GenericRecord) read.key();
        GenericRecord envelope = (GenericRecord) read.value();
        GenericRecord after = (GenericRecord) envelope.get("after");
        GenericRecord source = (GenericRecord) envelope.get("source");

        assertThat(key.get("accountid").toString()).isEqualTo(account.toString());
        assertThat(envelope.get("op").toString()).isEqualTo("r");
        assertThat(envelope.get("before")).isNull();
        assertThat(after.get("name").toString()).isEqualTo("Contoso");
        assertThat(decimal(after, "revenue")).as("exact, at the column's scale").isEqualTo(new BigDecimal("1234.5600"));
        assertThat(after.get("industrycode")).isEqualTo(3);
        assertThat(after.get("industrycode_label").toString()).isEqualTo("Broadcasting Printing and Publishing");
        assertThat(after.get("primarycontactid").toString()).isEqualTo(contact.toString());
        assertThat(after.get("primarycontactid_table").toString()).isEqualTo("contact");
        assertThat(after.get("primarycontactid_name").toString()).isEqualTo("Susanna Stubberod");
        assertThat(after.get("creditonhold")).isEqualTo(true);
        assertThat(after.get("numberofemployees")).isEqualTo(120);
        assertThat(after.get("address1_latitude")).isEqualTo(47.6);
        assertThat(after.get("lastusedincampaign")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z").toEpochMilli());
        assertThat(source.get("connector").toString()).isEqualTo("crm-bridge");
        assertThat(source.get("connection").toString()).isEqualTo("typed");
        assertThat(source.get("table").toString()).isEqualTo("account");
        assertThat(source.get("snapshot").toString()).isEqualTo("true");
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope("poller-it");
        assertThat(registry.subjectCompatibility("typed.typed.typed.account-value")).contains(Compatibility.FULL);
        assertThat(registry.subjectCompatibility("typed.typed.typed.account-key")).contains(Compatibility.FULL);

        Table accounts = scenario.org("typed").table("account");
        accounts.update(account, Map.of("revenue", new BigDecimal("99.1")));
        await().atMost(WAIT).until(() -> scenario.typedRecords("typed", "account").size() == 2);
        accounts.delete(account);
        await().atMost(WAIT).until(() -> scenario.typedRecords("typed", "account").size() == 4);

        List<ConsumerRecord<Object, Object>> records = scenario.typedRecords("typed", "account");
        GenericRecord update = (GenericRecord) records.get(1).value();
        assertThat(update.get("op").toString()).isEqualTo("u");
        assertThat(decimal((GenericRecord) update.get("after"), "revenue")).isEqualTo(new BigDecimal("99.1000"));
        GenericRecord delete = (GenericRecord) records.get(2).value();
        assertThat(delete.get("op").toString()).isEqualTo("d");
        assertThat(delete.get("after")).isNull();
        assertThat(((GenericRecord) delete.get("before")).get("accountid").toString()).isEqualTo(account.toString());
        assertThat(records.get(3).value()).as("the tombstone").isNull();
        assertThat(records.get(3).key()).isEqualTo(records.get(2).key());
        assertThat(records).extracting(ConsumerRecord::key).as("one key for every change of the row").containsOnly(key);
    }

    @Test
    void twoConnectionsTablesOfTheSameNameNeverShareATopicASubjectOrASchemaName() {
        await().atMost(WAIT).until(() -> !scenario.typedRecords("other-org", "account").isEmpty()
                && !scenario.typedRecords("typed", "account").isEmpty());

        Schema other = ((GenericRecord) scenario.typedRecords("other-org", "account").get(0).value()).getSchema();
        Schema typed = ((GenericRecord) scenario.typedRecords("typed", "account").get(0).value()).getSchema();

        assertThat(other.getFullName()).isNotEqualTo(typed.getFullName());
        assertThat(other.getField("after").schema().getTypes().get(1).getField("revenue"))
                .as("each org's own columns").isNull();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope("poller-it");
        assertThat(registry.subjects(false)).contains("typed.typed.other-org.account-value",
                "typed.typed.typed.account-value");
    }

    @Test
    void aColumnAddedMidRunArrivesUnderANewSchemaVersionThatTheOldOneStillReads() throws IOException {
        Table accounts = scenario.org("evolving").table("account");
        UUID first = accounts.create(Map.of("name", "before the column"));
        await().atMost(WAIT).until(() -> scenario.typedRecords("evolving", "account").size() == 1);
        Schema before = ((GenericRecord) scenario.typedRecords("evolving", "account").get(0).value()).getSchema();

        scenario.org("evolving").addColumn("account", CustomColumn.money("cr123_budget", 2));
        await().atMost(WAIT).until(() -> scenario.captureEvents("evolving", CaptureEventType.SCHEMA_CHANGED)
                .size() == 1);
        accounts.update(first, Map.of("cr123_budget", new BigDecimal("250.5")));

        await().atMost(WAIT).until(() -> scenario.typedRecords("evolving", "account").size() == 2);
        GenericRecord changed = (GenericRecord) scenario.typedRecords("evolving", "account").get(1).value();
        assertThat(decimal((GenericRecord) changed.get("after"), "cr123_budget")).isEqualTo(new BigDecimal("250.5000")); // the currency decides: scale 4
        assertThat(changed.getSchema()).isNotEqualTo(before);
        assertThat(InMemorySchemaRegistry.forScope("poller-it").versions("typed.typed.evolving.account-value", false))
                .hasSize(2);
        GenericRecord readWithTheOldSchema = reencoded(changed, before);
        assertThat(((GenericRecord) readWithTheOldSchema.get("after")).get("name").toString())
                .isEqualTo("before the column");
        assertThat(((GenericRecord) readWithTheOldSchema.get("after")).getSchema().getField("cr123_budget")).isNull();
        assertThat(scenario.captureEvents("evolving", CaptureEventType.SCHEMA_CHANGED)).singleElement()
                .satisfies(e -> assertThat(e.getColumnsAdded()).contains("cr123_budget"));
    }

    /** {@code record} written with its own schema and read with {@code reader}: what an old consumer gets. */
    private static GenericRecord reencoded(GenericRecord record, Schema reader) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }

    /** A decimal field as its schema's logical type says, with nothing but the schema. */
    private static BigDecimal decimal(GenericRecord row, String field) {
        Schema schema = row.getSchema().getField(field).schema().getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        return new Conversions.DecimalConversion().fromBytes((ByteBuffer) row.get(field), schema,
                (LogicalTypes.Decimal) schema.getLogicalType());
    }
}
