package io.crmbridge.action.pipeline;

import io.crmbridge.action.parking.ParkingHeaders;
import io.crmbridge.action.planning.CommandCodec;
import io.crmbridge.action.planning.Fate;
import io.crmbridge.action.planning.Item;
import io.crmbridge.action.planning.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The records a transaction produces for consumed ones: a result (same key as the command), a parked copy on the
 * waiting topic (same partition number, original key, bytes and headers), or a dead letter (original key and
 * bytes, with spring-kafka's {@code DeadLetterPublishingRecoverer} headers, so its tooling reads them).
 */
final class OutputRecords {

    private static final Logger log = LoggerFactory.getLogger(OutputRecords.class);
    private static final int MAX_TRACE = 4_000;

    private final PipelineTopics topics;
    private final String group;
    private final CommandCodec codec;

    OutputRecords(PipelineTopics topics, String group, CommandCodec codec) {
        this.topics = topics;
        this.group = group;
        this.codec = codec;
    }

    /** What {@code item}'s fate produces, from its {@code source} record; nothing for one that goes on waiting. */
    Optional<ProducerRecord<String, byte[]>> of(Item item, ConsumerRecord<String, byte[]> source, Instant now) {
        Fate fate = item.fate();
        if (fate instanceof Fate.Answered answered) {
            return Optional.of(result(source, answered.result()));
        }
        if (fate instanceof Fate.Parked parked) {
            return Optional.of(parked(source, item.connection().value(), parked.reason(), now));
        }
        if (fate instanceof Fate.DeadLettered dead) {
            log.warn("record {}-{}@{} is not a readable command, sent to the dead-letter topic: {}",
                    source.topic(), source.partition(), source.offset(), dead.cause().toString());
            return Optional.of(deadLetter(source, dead.cause()));
        }
        return Optional.empty();
    }

    ProducerRecord<String, byte[]> result(ConsumerRecord<String, byte[]> source, Result result) {
        return new ProducerRecord<>(topics.results(), source.key(), codec.encode(topics.results(), result));
    }

    ProducerRecord<String, byte[]> parked(ConsumerRecord<String, byte[]> source, String connection, String reason,
                                          Instant now) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source.headers()) {
            if (!header.key().startsWith(ParkingHeaders.PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(ParkingHeaders.CONNECTION, ParkingHeaders.bytes(connection));
        headers.add(ParkingHeaders.PARKED_AT, ParkingHeaders.bytes(now));
        headers.add(ParkingHeaders.REASON, ParkingHeaders.bytes(reason));
        headers.add(ParkingHeaders.ORIGINAL_PARTITION, ParkingHeaders.bytes(source.partition()));
        headers.add(ParkingHeaders.ORIGINAL_OFFSET, ParkingHeaders.bytes(source.offset()));
        return new ProducerRecord<>(topics.waiting(), source.partition(), source.key(), source.value(), headers);
    }

    ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> source, Exception cause) {
        RecordHeaders headers = new RecordHeaders(source.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(source.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(source.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(source.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, source.timestampType().toString()
                .getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, group.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
        if (cause.getCause() != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, cause.getCause().getClass().getName()
                    .getBytes(StandardCharsets.UTF_8));
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, String.valueOf(cause.getMessage())
                .getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, trace(cause).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topics.deadLetters(), null, source.key(), source.value(), headers);
    }

    private static String trace(Exception cause) {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() > MAX_TRACE ? trace.substring(0, MAX_TRACE) : trace;
    }
}
