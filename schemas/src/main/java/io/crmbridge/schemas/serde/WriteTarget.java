package io.crmbridge.schemas.serde;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * How records of one schema are written to one topic: the registry id they are tagged with and the datum writers
 * (made on first use, then shared by every thread — Avro's datum writers hold no per-call state). When the id
 * names a schema with another binary layout (use.latest.version), each record is first converted by Avro schema
 * resolution, so the bytes always match the schema the id names.
 */
final class WriteTarget {

    final int id;
    private final Schema schema;
    private final Schema tagged;
    private final GenericData genericData;
    private final GenericDatumReader<Object> conversion;
    private volatile DatumWriter<Object> specificWriter;
    private volatile DatumWriter<Object> genericWriter;
    private volatile DatumWriter<Object> taggedWriter;

    WriteTarget(int id, Schema schema, Schema tagged, boolean sameLayout, GenericData genericData) {
        this.id = id;
        this.schema = schema;
        this.tagged = tagged;
        this.genericData = genericData;
        this.conversion = sameLayout ? null : new GenericDatumReader<>(schema, tagged, genericData);
    }

    byte[] frame(Object datum) throws IOException {
        if (conversion == null) {
            return OutputFrame.ofCurrentThread().frame(id, writerFor(datum), datum);
        }
        byte[] own = OutputFrame.plain(writerFor(datum), datum);
        Object converted = conversion.read(null, DecoderFactory.get().binaryDecoder(own, null));
        return OutputFrame.ofCurrentThread().frame(id, taggedWriter(), converted);
    }

    private DatumWriter<Object> writerFor(Object datum) {
        if (datum instanceof SpecificRecord) {
            DatumWriter<Object> writer = specificWriter;
            if (writer == null) {
                writer = new SpecificDatumWriter<>(schema, SpecificData.getForClass(datum.getClass()));
                specificWriter = writer;
            }
            return writer;
        }
        DatumWriter<Object> writer = genericWriter;
        if (writer == null) {
            writer = new GenericDatumWriter<>(schema, genericData);
            genericWriter = writer;
        }
        return writer;
    }

    private DatumWriter<Object> taggedWriter() {
        DatumWriter<Object> writer = taggedWriter;
        if (writer == null) {
            writer = new GenericDatumWriter<>(tagged, genericData);
            taggedWriter = writer;
        }
        return writer;
    }
}
