package io.crmbridge.action.pipeline;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.action.parking.ParkingHeaders;
import io.crmbridge.action.planning.Consumed;
import io.crmbridge.action.planning.Partition;
import io.crmbridge.crm.connection.ConnectionId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One transaction's polled records as planning sees them ({@link Consumed}: the parking headers of a waiting
 * record already read), and the Kafka record behind each, whose headers the produced records carry on.
 */
final class ConsumedRecords {

    private final Map<Partition, List<Consumed>> byPartition = new LinkedHashMap<>();
    private final Map<Consumed, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();

    ConsumedRecords(Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> polled, String waitingTopic) {
        polled.forEach((partition, records) -> {
            List<Consumed> consumed = new ArrayList<>(records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                Consumed value = partition.topic().equals(waitingTopic) ? parked(record) : command(record);
                sources.put(value, record);
                consumed.add(value);
            }
            byPartition.put(partition(partition), consumed);
        });
    }

    Map<Partition, List<Consumed>> byPartition() {
        return byPartition;
    }

    ConsumerRecord<String, byte[]> source(Consumed consumed) {
        return sources.get(consumed);
    }

    static Partition partition(TopicPartition partition) {
        return new Partition(partition.topic(), partition.partition());
    }

    static TopicPartition kafka(Partition partition) {
        return new TopicPartition(partition.topic(), partition.number());
    }

    private static Consumed command(ConsumerRecord<String, byte[]> record) {
        return Consumed.command(new Partition(record.topic(), record.partition()), record.offset(), record.key(),
                record.value());
    }

    private static Consumed parked(ConsumerRecord<String, byte[]> record) {
        return Consumed.parked(new Partition(record.topic(), record.partition()), record.offset(), record.key(),
                record.value(), ParkingHeaders.text(record.headers(), ParkingHeaders.CONNECTION)
                        .map(ConnectionId::of).orElse(null),
                ParkingHeaders.parkedAt(record.headers(), record.timestamp()));
    }
}
