package io.crmbridge.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteResult;
import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to the change topics, the write results, the waiting commands and the connection events,
 * read as a downstream consumer reads them (read_committed, Avro from the registry), from the beginning.
 */
final class EventsSeen implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;
    private final Thread thread;
    private final List<ConsumerRecord<String, Object>> seen = new ArrayList<>();
    private volatile boolean running = true;

    private EventsSeen(String bootstrapServers, String registryUrl, String prefix) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "scenarios-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Topics appear as the services start: look for new ones every second.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        p.put("schema.registry.url", registryUrl);
        p.put("specific.avro.reader", true);
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(Pattern.compile(Pattern.quote(prefix)
                + "\\.(changes\\..+|write-results|write-commands\\.waiting|connection-events)"));
        thread = new Thread(this::run, "scenario-events");
        thread.setDaemon(true);
    }

    static EventsSeen start(String bootstrapServers, String registryUrl, String prefix) {
        EventsSeen events = new EventsSeen(bootstrapServers, registryUrl, prefix);
        events.thread.start();
        return events;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    synchronized (seen) {
                        seen.add(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** The changes of one row published for one connection, in the order of the topic. */
    List<RecordChanged> changes(String connection, String recordId) {
        return values(RecordChanged.class).stream()
                .filter(c -> c.getConnectionId().equals(connection) && c.getRecordId().equals(recordId)).toList();
    }

    /** Every change published for one connection. */
    List<RecordChanged> changes(String connection) {
        return values(RecordChanged.class).stream().filter(c -> c.getConnectionId().equals(connection)).toList();
    }

    List<WriteResult> results(String commandId) {
        return values(WriteResult.class).stream().filter(r -> r.getCommandId().equals(commandId)).toList();
    }

    /** Commands the action-service parked on the waiting topic. */
    List<WriteCommand> waiting(String commandId) {
        return values(WriteCommand.class).stream().filter(c -> c.getCommandId().equals(commandId)).toList();
    }

    List<ConnectionEvent> connectionEvents(String connection, ConnectionEventType type) {
        return values(ConnectionEvent.class).stream()
                .filter(e -> e.getConnectionId().equals(connection) && e.getType() == type).toList();
    }

    private <T> List<T> values(Class<T> type) {
        synchronized (seen) {
            return seen.stream().map(ConsumerRecord::value).filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
