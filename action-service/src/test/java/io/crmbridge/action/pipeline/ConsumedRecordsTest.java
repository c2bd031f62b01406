package io.crmbridge.action.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crmbridge.action.parking.ParkingHeaders;
import io.crmbridge.action.planning.Consumed;
import io.crmbridge.action.planning.Partition;
import io.crmbridge.crm.connection.ConnectionId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumedRecordsTest {

    private static final Instant APPENDED = Instant.parse("2026-05-01T12:00:00Z");
    private static final Instant PARKED = Instant.parse("2026-05-01T11:00:00Z");

    @Test
    void readsTheParkingHeadersOfWaitingRecordsAndKeepsEachRecordsSource() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ParkingHeaders.CONNECTION, ParkingHeaders.bytes("conn-a"));
        headers.add(ParkingHeaders.PARKED_AT, ParkingHeaders.bytes(PARKED));
        ConsumerRecord<String, byte[]> parked = record("cmd.waiting", 1, 7, headers);
        ConsumerRecord<String, byte[]> fresh = record("cmd", 1, 3, headers);
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> polled = new LinkedHashMap<>();
        polled.put(new TopicPartition("cmd.waiting", 1), List.of(parked));
        polled.put(new TopicPartition("cmd", 1), List.of(fresh));

        ConsumedRecords records = new ConsumedRecords(polled, "cmd.waiting");

        Consumed waiting = records.byPartition().get(new Partition("cmd.waiting", 1)).get(0);
        assertThat(waiting.countedFor()).isEqualTo(ConnectionId.of("conn-a"));
        assertThat(waiting.parkedAt()).isEqualTo(PARKED);
        assertThat(waiting.offset()).isEqualTo(7);
        assertThat(records.source(waiting)).isSameAs(parked);
        Consumed command = records.byPartition().get(new Partition("cmd", 1)).get(0);
        assertThat(command.countedFor()).as("a fresh command counts for its own connection").isNull();
        assertThat(command.parkedAt()).isNull();
        assertThat(command.key()).isEqualTo("key");
        assertThat(records.source(command)).isSameAs(fresh);
    }

    @Test
    void aWaitingRecordWithoutHeadersCountsForNoConnectionAndWaitsSinceItWasAppended() {
        ConsumerRecord<String, byte[]> bare = record("cmd.waiting", 0, 2, new RecordHeaders());

        Consumed consumed = new ConsumedRecords(Map.of(new TopicPartition("cmd.waiting", 0), List.of(bare)),
                "cmd.waiting").byPartition().get(new Partition("cmd.waiting", 0)).get(0);

        assertThat(consumed.countedFor()).isNull();
        assertThat(consumed.parkedAt()).isEqualTo(APPENDED);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset,
                                                         RecordHeaders headers) {
        return new ConsumerRecord<>(topic, partition, offset, APPENDED.toEpochMilli(), TimestampType.CREATE_TIME, 0,
                5, "key", "value".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }
}
