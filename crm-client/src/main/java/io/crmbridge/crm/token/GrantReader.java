package io.crmbridge.crm.token;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.AccessTokenGrant;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;

/**
 * The consumer thread of {@link AccessTokenGrants}: reads every partition of the grants topic from the beginning
 * (no consumer group: every instance needs every connection's token), decrypts each grant and hands it to
 * {@link HeldGrants}. A grant that cannot be read or decrypted is skipped with a warning; the token it carried is
 * never logged.
 */
final class GrantReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(GrantReader.class);
    private static final long PARTITION_CHECK_MILLIS = 30_000;

    private final GrantSettings settings;
    private final TokenCipher cipher;
    private final Deserializer<AccessTokenGrant> grants;
    private final HeldGrants held;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Sinks.Empty<Void> caughtUp = Sinks.empty();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> initialEnd = Map.of();
    private boolean caughtUpSignalled;
    private long lastPartitionCheck;
    private volatile boolean running = true;

    GrantReader(GrantSettings settings, TokenCipher cipher, Deserializer<AccessTokenGrant> grants, HeldGrants held) {
        this.settings = settings;
        this.cipher = cipher;
        this.grants = grants;
        this.held = held;
        Map<String, Object> properties = new HashMap<>(settings.kafka());
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The token-service publishes grants in transactions: an aborted grant must never be used.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.requestedBy() + "-access-token-grants");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    Sinks.Empty<Void> caughtUp() {
        return caughtUp;
    }

    @Override
    public void run() {
        try {
            while (running) {
                assignNewPartitions();
                if (assigned.isEmpty()) {
                    // The topic does not exist yet (the token-service creates it): look again shortly.
                    waitForTopic();
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollTimeout())) {
                    apply(record);
                }
                signalWhenCaughtUp();
            }
        } catch (WakeupException e) {
            // close() woke the consumer up: leave the loop.
        } catch (RuntimeException e) {
            log.error("access-token grant consumer stopped: {}", e.toString());
            caughtUp.tryEmitError(e);
        } finally {
            consumer.close();
            held.complete();
        }
    }

    private void waitForTopic() {
        try {
            Thread.sleep(settings.pollTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void assignNewPartitions() {
        long now = System.currentTimeMillis();
        if (!assigned.isEmpty() && now - lastPartitionCheck < PARTITION_CHECK_MILLIS) {
            return;
        }
        lastPartitionCheck = now;
        List<TopicPartition> found;
        try {
            found = consumer.partitionsFor(settings.grantsTopic(), settings.pollTimeout()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // The cluster did not answer in time (still starting, or busy): look again on the next round.
            log.warn("no metadata for {} yet: {}", settings.grantsTopic(), e.getMessage());
            return;
        }
        if (found.isEmpty() || assigned.containsAll(found)) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(assigned);
        assigned.addAll(found);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
        if (initialEnd.isEmpty()) {
            initialEnd = consumer.endOffsets(assigned);
        }
    }

    private void signalWhenCaughtUp() {
        if (caughtUpSignalled || initialEnd.isEmpty()) {
            return;
        }
        boolean done = initialEnd.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        if (done) {
            caughtUpSignalled = true;
            caughtUp.tryEmitEmpty();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                held.forget(ConnectionId.of(record.key()));
            }
            return;
        }
        AccessTokenGrant grant;
        try {
            grant = grants.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            log.warn("skipping unreadable access-token grant at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        decrypt(grant);
    }

    private void decrypt(AccessTokenGrant grant) {
        String connection = grant.getConnectionId();
        byte[] associatedData = (connection + ":" + grant.getGeneration()).getBytes(StandardCharsets.UTF_8);
        String token;
        try {
            byte[] plain = cipher.open(new TokenCipher.Sealed(grant.getKeyId(), bytes(grant.getNonce()),
                    bytes(grant.getCiphertext())), associatedData);
            token = new String(plain, StandardCharsets.UTF_8);
        } catch (TokenCipher.UnreadableCiphertext e) {
            log.warn("skipping access-token grant {} of connection {}: {}", grant.getGeneration(), connection,
                    e.getMessage());
            return;
        }
        AccessToken accessToken = new AccessToken(ConnectionId.of(connection), URI.create(grant.getOrgUrl()),
                grant.getGeneration(), grant.getExpiresAt(), token);
        if (held.offer(accessToken)) {
            log.debug("access token generation {} of connection {} expires at {}", grant.getGeneration(),
                    connection, grant.getExpiresAt());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
