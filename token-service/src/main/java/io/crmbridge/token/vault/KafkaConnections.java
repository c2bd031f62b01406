package io.crmbridge.token.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.crmbridge.token.connection.ClientCredential;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.Connections;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every definition, on every instance: public definitions from the compacted connections topic, credential
 * references of API-made definitions from their private vault records, and those of YAML definitions from the
 * configuration. One consumer thread reads both topics from the beginning and keeps reading, so a definition saved
 * on any instance reaches all of them.
 */
public final class KafkaConnections implements Connections, Runnable {

    private static final Logger log = LoggerFactory.getLogger(KafkaConnections.class);

    private final KafkaClientSource kafka;
    private final Shards partitions;
    private final TokenVault vault;
    private final Map<ConnectionId, ClientCredential> configured;
    private final KafkaProducer<String, Object> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConnectionRecords definitionRecords;
    private final VaultRecords vaultRecords;
    private final Map<ConnectionId, Connection> definitions = new HashMap<>();
    private final Map<ConnectionId, ClientCredential> credentials = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private Map<TopicPartition, Long> initialEnds;
    private volatile boolean running = true;

    KafkaConnections(KafkaClientSource kafka, Shards partitions, TokenVault vault,
                     Map<ConnectionId, ClientCredential> configured, ConnectionRecords definitionRecords,
                     VaultRecords vaultRecords) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.vault = vault;
        this.configured = Map.copyOf(configured);
        this.producer = kafka.producer("connections", null);
        this.consumer = kafka.consumer("connections", null);
        this.definitionRecords = definitionRecords;
        this.vaultRecords = vaultRecords;
    }

    @Override
    public synchronized List<Connection> all() {
        return definitions.keySet().stream().map(this::merged).toList();
    }

    @Override
    public synchronized Optional<Connection> find(ConnectionId id) {
        return Optional.ofNullable(definitions.get(id)).map(d -> merged(id));
    }

    @Override
    public void save(Connection connection) {
        ConnectionId id = connection.id();
        String key = id.value();
        // The private part first: an owner that sees the definition then finds its credential.
        if (!configured.containsKey(id)) {
            Object record = connection.credential().map(c -> vaultRecords.toRecord(id, vault.seal(id, c),
                    Instant.now())).orElse(null);
            send(new ProducerRecord<>(vaultTopic(), partitions.of(id), VaultKey.credential(id).toString(), record));
        }
        send(new ProducerRecord<>(kafka.topics().connections().name(), key, definitionRecords.toRecord(connection)));
        applyCredential(id, connection.credential().filter(c -> !configured.containsKey(id)).orElse(null));
        applyDefinition(id, connection.withCredential(Optional.empty()));
    }

    @Override
    public void delete(ConnectionId id) {
        send(new ProducerRecord<>(kafka.topics().connections().name(), id.value(), null));
        send(new ProducerRecord<>(vaultTopic(), partitions.of(id), VaultKey.credential(id).toString(), null));
        applyDefinition(id, null);
        applyCredential(id, null);
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    /** Waits until every definition present at start-up has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether every definition present at start-up has been read (readiness). */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    @Override
    public void run() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                checkCaughtUp();
            }
        } catch (WakeupException e) {
            // stop() woke us up
        } catch (RuntimeException e) {
            log.error("the connections reader stopped: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
        producer.close(Duration.ofSeconds(5));
    }

    private void assignAll() {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(kafka.topics().connections().name(), vaultTopic())) {
            consumer.partitionsFor(topic).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        initialEnds = consumer.endOffsets(all);
    }

    private void checkCaughtUp() {
        if (caughtUp.getCount() > 0 && initialEnds.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            log.info("read {} connection definitions", definitions.size());
            caughtUp.countDown();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(vaultTopic())) {
                applyVaultRecord(record);
            } else {
                ConnectionId id = ConnectionId.defined(record.key());
                applyDefinition(id, record.value() == null ? null
                        : definitionRecords.connection(record.topic(), record.value()).orElse(null));
            }
        } catch (RuntimeException e) {
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private void applyVaultRecord(ConsumerRecord<String, byte[]> record) {
        Optional<VaultKey> key = VaultKey.parse(record.key()).filter(k -> k.kind() == VaultKey.Kind.CREDENTIAL);
        if (key.isEmpty()) {
            return;
        }
        ClientCredential credential = record.value() == null ? null : vault.openCredential(key.get(),
                vaultRecords.sealed(record.topic(), record.value()));
        applyCredential(key.get().connection(), credential);
    }

    private void applyDefinition(ConnectionId id, Connection definition) {
        boolean changed;
        synchronized (this) {
            Connection before = definitions.containsKey(id) ? merged(id) : null;
            if (definition == null) {
                changed = definitions.remove(id) != null;
            } else {
                definitions.put(id, definition);
                changed = !Objects.equals(before, merged(id));
            }
        }
        if (changed) {
            deliver(id);
        }
    }

    private void applyCredential(ConnectionId id, ClientCredential credential) {
        boolean changed;
        synchronized (this) {
            Connection before = definitions.containsKey(id) ? merged(id) : null;
            if (credential == null) {
                credentials.remove(id);
            } else {
                credentials.put(id, credential);
            }
            changed = before != null && !Objects.equals(before, merged(id));
        }
        if (changed) {
            deliver(id);
        }
    }

    // Listeners are told outside this object's lock (they call back into it), one at a time, and always the
    // current definition: a notification overtaken by a newer one then repeats the newer one instead of undoing it.
    private void deliver(ConnectionId id) {
        synchronized (listeners) {
            Optional<Connection> current = find(id);
            for (Listener listener : listeners) {
                current.ifPresentOrElse(listener::changed, () -> listener.removed(id));
            }
        }
    }

    private Connection merged(ConnectionId id) {
        ClientCredential credential = configured.containsKey(id) ? configured.get(id) : credentials.get(id);
        return definitions.get(id).withCredential(Optional.ofNullable(credential));
    }

    private void send(ProducerRecord<String, Object> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot publish to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private String vaultTopic() {
        return kafka.topics().tokenVault().name();
    }
}
