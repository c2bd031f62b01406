package io.crmbridge.poller.typed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.ColumnMetadata;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.DateTimeBehavior;
import io.crmbridge.crm.metadata.DecimalRange;
import io.crmbridge.crm.metadata.TableMetadata;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** A table with one column of every Dataverse attribute type the mapping tells apart, and Avro round trips. */
final class TypedFixtures {

    static final SchemaNames CONTOSO = SchemaNames.of("crm", ConnectionId.of("contoso-app"), "cr123_project");

    private TypedFixtures() {
    }

    static TableMetadata project() {
        return TableMetadata.described("cr123_project", "cr123_projects", "cr123_projectid", true, List.of(
                ColumnMetadata.of("cr123_projectid", ColumnType.UNIQUEIDENTIFIER),
                new ColumnMetadata("cr123_name", ColumnType.TEXT, "String", null, null, null, List.of(), 100),
                new ColumnMetadata("cr123_notes", ColumnType.TEXT, "Memo", null, null, null, List.of(), 2000),
                ColumnMetadata.of("cr123_hours", ColumnType.INTEGER),
                ColumnMetadata.of("cr123_externalsequence", ColumnType.BIGINT),
                ColumnMetadata.of("cr123_score", ColumnType.DOUBLE),
                ColumnMetadata.decimal("cr123_budget", ColumnType.MONEY, new DecimalRange(2, 2,
                        new BigDecimal("-922337203685477"), new BigDecimal("922337203685477"))),
                ColumnMetadata.decimal("cr123_discountrate", ColumnType.DECIMAL, new DecimalRange(4, null,
                        new BigDecimal("-100"), new BigDecimal("100"))),
                ColumnMetadata.of("cr123_isbillable", ColumnType.BOOLEAN),
                ColumnMetadata.dateTime("cr123_startdate", DateTimeBehavior.DATE_ONLY),
                ColumnMetadata.dateTime("modifiedon", DateTimeBehavior.USER_LOCAL),
                ColumnMetadata.of("cr123_externalkey", ColumnType.UNIQUEIDENTIFIER),
                ColumnMetadata.lookup("cr123_accountid", "Lookup", List.of("account")),
                ColumnMetadata.lookup("ownerid", "Owner", List.of("systemuser", "team")),
                new ColumnMetadata("owneridname", ColumnType.TEXT, "String", "ownerid", null, null, List.of(), 100),
                ColumnMetadata.of("cr123_stage", ColumnType.CHOICE),
                ColumnMetadata.of("statecode", ColumnType.CHOICE),
                ColumnMetadata.of("cr123_regions", ColumnType.MULTI_CHOICE),
                new ColumnMetadata("objecttypecode", ColumnType.OTHER, "EntityName", null, null, null, List.of(),
                        null)));
    }

    static TypedSchemas schemas() {
        return TypedSchemas.of(CONTOSO, project(), List.of(), true);
    }

    /** Writes {@code record} with its schema and reads it back knowing only the schema's text. */
    static GenericRecord roundTrip(GenericRecord record) {
        return read(write(record), record.getSchema().toString(), record.getSchema().toString());
    }

    static byte[] write(GenericRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static GenericRecord read(byte[] bytes, String writerSchema, String readerSchema) {
        Schema writer = new Schema.Parser().parse(writerSchema);
        Schema reader = new Schema.Parser().parse(readerSchema);
        try {
            return new GenericDatumReader<GenericRecord>(writer, reader)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
