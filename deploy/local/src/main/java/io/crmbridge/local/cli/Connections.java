package io.crmbridge.local.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code connections} and {@code reconnect}: the latest ConnectionEvent of each connection, read from
 * {@code crm.connection-events} up to its current end.
 */
final class Connections {

    private final CliOptions options;

    Connections(CliOptions options) {
        this.options = options;
    }

    int run(PrintStream out) {
        Map<String, ConnectionEvent> latest = latest();
        if (latest.isEmpty()) {
            out.println("no connection events yet");
        }
        latest.values().forEach(event -> out.println(line(event)));
        return Cli.OK;
    }

    int reconnect(String connection, PrintStream out) {
        ConnectionEvent event = latest().get(connection);
        if (event == null) {
            throw new IllegalStateException("no events of connection " + connection);
        }
        if (event.getState() != ConnectionState.EXPIRED || event.getReconnectUrl() == null) {
            out.println(connection + " is " + event.getState() + ": nothing to reconnect");
            return Cli.OK;
        }
        out.println("sign in again at " + event.getReconnectUrl());
        return Cli.OK;
    }

    static String line(ConnectionEvent event) {
        return event.getConnectionId() + "  " + event.getState() + "  (" + event.getType()
                + (event.getReasonCode() == null ? "" : " " + event.getReasonCode()) + " at " + event.getOccurredAt()
                + ")" + (event.getReconnectUrl() == null ? "" : "  reconnect at " + event.getReconnectUrl());
    }

    private Map<String, ConnectionEvent> latest() {
        Map<String, ConnectionEvent> latest = new TreeMap<>();
        try (KafkaConsumer<String, Object> consumer = KafkaClients.consumer(options, true)) {
            String topic = KafkaClients.PREFIX + ".connection-events";
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("no topic " + topic + " at " + options.bootstrap());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end is the last stable offset, so this stops after the last committed event.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof ConnectionEvent event) {
                        latest.put(event.getConnectionId(), event);
                    }
                }
            }
        }
        return latest;
    }
}
