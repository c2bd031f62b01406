package io.crmbridge.schemas.serde;

import org.apache.avro.Schema;

/**
 * Names the registry subject a record's schema is registered under, as Confluent's strategies of the same names
 * do. Configured with {@code key.subject.name.strategy} / {@code value.subject.name.strategy}, which accept
 * Confluent's class names ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy} ...) as well as
 * {@link TopicNameStrategy}, {@link RecordNameStrategy}, {@link TopicRecordNameStrategy} or any implementation with
 * a no-argument constructor, so a configuration moves between Confluent's serde and this one unchanged.
 */
public interface SubjectNameStrategy {

    /** The subject for a record of {@code schema} on {@code topic}, as a key or a value. */
    String subjectName(String topic, boolean isKey, Schema schema);
}
