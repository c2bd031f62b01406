package io.crmbridge.action.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteResult;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What a producing team does: sends commands (or any bytes) and reads committed results and dead letters. */
public final class CommandTopics implements AutoCloseable {

    private final String servers;
    private final String commandsTopic;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer<WriteCommand> commands = new AvroSerializer<>();
    private final AvroDeserializer<Object> reader = new AvroDeserializer<>();

    public CommandTopics(String servers, String commandsTopic, String registryUrl) {
        this.servers = servers;
        this.commandsTopic = commandsTopic;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5));
        commands.configure(Map.of("schema.registry.url", registryUrl), false);
        reader.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true), false);
    }

    /** Sends a command keyed {@code connectionId:entity:recordKey}. */
    public void send(String recordKey, WriteCommand command) {
        sendBytes(command.getConnectionId() + ":" + command.getEntity() + ":" + recordKey,
                commands.serialize(commandsTopic, command));
    }

    public void sendBytes(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(commandsTopic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public void flush() {
        producer.flush();
    }

    public byte[] serialize(WriteCommand command) {
        return commands.serialize(commandsTopic, command);
    }

    /** Every committed result on {@code topic} so far, in offset order per partition. */
    public List<WriteResult> results(String topic) {
        List<WriteResult> results = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(topic)) {
            results.add((WriteResult) reader.deserialize(topic, record.value()));
        }
        return results;
    }

    /** Every committed record on {@code topic} so far. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
