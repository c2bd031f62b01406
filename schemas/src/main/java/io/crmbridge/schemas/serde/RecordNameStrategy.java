package io.crmbridge.schemas.serde;

import org.apache.avro.Schema;

/** The record's full name ({@code io.crmbridge.events.RecordChanged}): one lineage per record type, any topic. */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return schema.getFullName();
    }
}
