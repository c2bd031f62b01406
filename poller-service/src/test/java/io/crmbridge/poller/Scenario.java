package io.crmbridge.poller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.crm.token.EncryptionKeys;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.AuthKind;
import io.crmbridge.events.AuthorityType;
import io.crmbridge.events.CaptureEvent;
import io.crmbridge.events.CaptureEventType;
import io.crmbridge.events.CaptureSignal;
import io.crmbridge.events.CaptureSignalType;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.dataverse.Org;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSettings;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One deployment on the shared {@link PollerRig}: its own topic prefix ({@code name}), connections each backed by a
 * sandbox org of the same name, the token-service's part played by the test (topics, connection definitions,
 * encrypted grants, connection events), poller instances started as Spring applications polling the tables the
 * test names, and reads of the change topics.
 */
public final class Scenario implements AutoCloseable {

    /** The poller's admin login in every scenario. */
    public static final String ADMIN = "poller-admin";
    public static final String ADMIN_PASSWORD = "poller-admin-password";

    /** The test key grants are sealed with; a published test value, not a secret. */
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String REGISTRY = "mock://poller-it";

    private final PollerRig rig;
    private final String name;
    private final Topics topics;
    private final TokenCipher cipher = new TokenCipher(EncryptionKeys.of("k1", Map.of("k1", KEY)));
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private KafkaProducer<String, Object> producer;
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, String> orgUrls = new HashMap<>();
    private String registry = REGISTRY;
    private final List<PollerProcess> processes = new ArrayList<>();

    Scenario(PollerRig rig, String name) {
        this.rig = rig;
        this.name = name;
        this.topics = new Topics(TopicSettings.defaults().withPrefix(name).withPartitions(3));
        TopicCreation.ensure(Map.of("bootstrap.servers", rig.brokers()), topics.ownedByTokenService(),
                Duration.ofSeconds(30));
    }

    private String orgUrl(String connection) {
        return orgUrls.computeIfAbsent(connection, c -> org(c).url());
    }

    /** The sandbox org behind {@code connection} (same name). */
    public Org org(String connection) {
        return rig.sandbox().dataverse().org(connection);
    }

    public String brokers() {
        return rig.brokers();
    }

    public Topics topics() {
        return topics;
    }

    /** Poller settings for the instances started next (e.g. {@code crmbridge.poller.defaults.page-size}). */
    public Scenario with(String property, Object value) {
        overrides.put(property, value);
        return this;
    }

    /**
     * A real schema registry (the sandbox's, over HTTP) instead of the in-memory one: needed when a poller runs in a
     * JVM of its own ({@link #startPollerProcess}). Call before anything is published.
     */
    public Scenario withSandboxRegistry() {
        registry = rig.sandbox().registryUrl().toString();
        return this;
    }

    /**
     * A schema registry of the test's own with a Confluent-compatible API at {@code url} (e.g. Apicurio Registry's
     * {@code /apis/ccompat/v7}), for tests whose other parts (a Kafka Connect converter) read the same schemas.
     * Call before anything is published.
     */
    public Scenario withRegistry(String url) {
        registry = url;
        return this;
    }

    /** Plays the token-service for a connection to a Dataverse of the test's own at {@code orgUrl}. */
    public Scenario connect(String connection, String orgUrl) {
        orgUrls.put(connection, orgUrl);
        return connect(connection);
    }

    /** Plays the token-service for a new connection: its definition (enabled) and a first grant. */
    public Scenario connect(String connection) {
        defineConnection(connection, true);
        grantToken(connection);
        return this;
    }

    /** Plays the token-service: the connection's definition, pointing at the sandbox org of the same name. */
    public void defineConnection(String connection, boolean enabled) {
        String url = orgUrl(connection);
        send(topics.connections().name(), connection, ConnectionDefinition.newBuilder().setConnectionId(connection)
                .setDisplayName(connection).setOrgUrl(url).setAuthority(rig.sandbox().httpsBase() + "/tenant/")
                .setAuthorityType(AuthorityType.ENTRA_ID).setAuthKind(AuthKind.CLIENT_CREDENTIALS)
                .setClientId("poller-it").setScopes(List.of(url + "/.default")).setEnabled(enabled)
                .setUpdatedAt(Instant.now()).build());
    }

    /** Plays the token-service: a new grant (next generation) with a fresh sandbox token. */
    public long grantToken(String connection) {
        long next = generations.merge(connection, 1L, Long::sum);
        String url = orgUrl(connection);
        String token = rig.sandbox().appAccessToken(url);
        TokenCipher.Sealed sealed = cipher.seal(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (connection + ":" + next).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        send(topics.accessTokens().name(), connection, AccessTokenGrant.newBuilder().setConnectionId(connection)
                .setOrgUrl(url).setGeneration(next).setKeyId(sealed.keyId())
                .setNonce(java.nio.ByteBuffer.wrap(sealed.nonce())).setCiphertext(java.nio.ByteBuffer.wrap(sealed.ciphertext()))
                .setExpiresAt(Instant.now().plus(Duration.ofHours(1))).setIssuedAt(Instant.now()).build());
        return next;
    }

    public void publishConnectionEvent(String connection, ConnectionEventType type, ConnectionState state) {
        send(topics.connectionEvents().name(), connection, ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setConnectionId(connection).setType(type).setState(state)
                .setOccurredAt(Instant.now()).build());
    }

    /** Pollers started next poll {@code entity} of {@code connection}, selecting {@code select}. */
    public Scenario poll(String connection, String entity, String... select) {
        tables.put("crmbridge.poller.connections." + connection + ".tables." + entity + ".select",
                String.join(",", select));
        return this;
    }

    /** Starts a poller instance with the tables given to {@link #poll} and the settings given to {@link #with}. */
    public ConfigurableApplicationContext startPoller() {
        // As arguments: they must outrank poller-service.yml (builder properties are only defaults).
        String[] args = pollerProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = PollerServiceApplication.application().run(args);
        instances.add(context);
        return context;
    }

    /**
     * Starts a poller instance in a JVM of its own, which {@link PollerProcess#kill()} kills like a crashed pod.
     * Needs {@link #withSandboxRegistry()}: the in-memory registry is not shared across JVMs.
     */
    public PollerProcess startPollerProcess(String logName) {
        if (REGISTRY.equals(registry)) {
            throw new IllegalStateException("a poller process needs withSandboxRegistry()");
        }
        PollerProcess process = PollerProcess.start(pollerProperties(),
                java.nio.file.Path.of("target", "poller-processes", name + "-" + logName + ".log"));
        processes.add(process);
        return process;
    }

    private Map<String, Object> pollerProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.kafka.bootstrap-servers", rig.brokers());
        properties.put("spring.kafka.properties.schema.registry.url", registry);
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", 6000);
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", 500);
        properties.put("crmbridge.topics.prefix", name);
        properties.put("crmbridge.topics.partitions", 3);
        properties.put("crmbridge.poller.group-id", name + "-poller");
        properties.put("crmbridge.poller.transactional-id-prefix", name + "-");
        properties.putAll(tables);
        properties.put("logging.level.org.apache.kafka", "WARN");
        properties.put("crmbridge.poller.defaults.interval", "200ms");
        properties.put("crmbridge.poller.initial-backoff", "100ms");
        properties.put("crmbridge.poller.max-backoff", "2s");
        properties.put("crmbridge.poller.stop-timeout", "2s");
        properties.put("crmbridge.poller.dataverse.ssl-bundle", "sandbox");
        properties.put("crmbridge.poller.dataverse.backoff-unit", "50ms");
        properties.put("crmbridge.poller.dataverse.max-backoff", "500ms");
        properties.put("crmbridge.poller.dataverse.token-wait", "5s");
        properties.put("spring.ssl.bundle.jks.sandbox.truststore.location", "file:" + rig.trustStore());
        properties.put("spring.ssl.bundle.jks.sandbox.truststore.password", SandboxTls.STORE_PASSWORD);
        properties.put("spring.ssl.bundle.jks.sandbox.truststore.type", "PKCS12");
        properties.put("crmbridge.token-encryption.active-key-id", "k1");
        properties.put("crmbridge.token-encryption.keys.k1", KEY);
        properties.put("crmbridge.poller.admin.username", ADMIN);
        properties.put("crmbridge.poller.admin.password", ADMIN_PASSWORD);
        properties.putAll(overrides);
        return properties;
    }

    /** Every change of {@code connection} on the entity's change topic that a read_committed consumer sees. */
    public List<RecordChanged> changes(String connection, String entity) {
        List<RecordChanged> changes = new ArrayList<>();
        readAll(name + ".changes." + entity, "read_committed").stream().filter(r -> r.value() != null)
                .map(r -> (RecordChanged) r.value())
                .filter(c -> c.getConnectionId().equals(connection)).forEach(changes::add);
        return changes;
    }

    /**
     * The change topic's records of {@code connection} in offset order, tombstones (null values) included: what a
     * compacted copy of the topic is made from.
     */
    public List<ConsumerRecord<String, Object>> changeRecords(String connection, String entity) {
        return readAll(name + ".changes." + entity, "read_committed").stream()
                .filter(r -> r.key().startsWith(connection + ":")).toList();
    }

    /**
     * The keys whose DELETED event is not followed at once (by the next record of the same key) by a tombstone,
     * and the tombstones that follow no DELETED event.
     */
    public List<String> tombstoneMismatches(String connection, String entity) {
        List<String> mismatches = new ArrayList<>();
        Map<String, Object> previous = new HashMap<>();
        for (ConsumerRecord<String, Object> record : changeRecords(connection, entity)) {
            Object before = previous.get(record.key());
            boolean deletedBefore = before instanceof RecordChanged c && c.getChangeType() == ChangeType.DELETED;
            if (record.value() == null && !deletedBefore) {
                mismatches.add(record.key() + ": a tombstone after no DELETED event");
            } else if (record.value() != null && deletedBefore) {
                mismatches.add(record.key() + ": DELETED without its tombstone");
            }
            previous.put(record.key(), record.value());
        }
        previous.forEach((key, last) -> {
            if (last instanceof RecordChanged c && c.getChangeType() == ChangeType.DELETED) {
                mismatches.add(key + ": DELETED without its tombstone");
            }
        });
        return mismatches;
    }

    /** How many tombstones the change topic holds for {@code connection}. */
    public long tombstones(String connection, String entity) {
        return changeRecords(connection, entity).stream().filter(r -> r.value() == null).count();
    }

    /** How many records of {@code connection} the change topic holds, aborted ones included (read_uncommitted). */
    public long uncommittedRecordCount(String connection, String entity) {
        return readAll(name + ".changes." + entity, "read_uncommitted").stream()
                .filter(r -> r.key().startsWith(connection + ":")).count();
    }

    /** The capture events of {@code connection} on {@code crm.capture-events}, as a read_committed consumer sees them. */
    public List<CaptureEvent> captureEvents(String connection) {
        return readAll(topics.captureEvents().name(), "read_committed").stream()
                .map(r -> (CaptureEvent) r.value()).filter(e -> e.getConnectionId().equals(connection)).toList();
    }

    /** The capture events of {@code connection} of one type. */
    public List<CaptureEvent> captureEvents(String connection, CaptureEventType type) {
        return captureEvents(connection).stream().filter(e -> e.getType() == type).toList();
    }

    /** Plays a team automating through Kafka: a SNAPSHOT signal on {@code crm.capture-signals}. */
    public void signalSnapshot(String connection, String table, String signalId) {
        send(topics.captureSignals().name(), connection + ":" + table, CaptureSignal.newBuilder()
                .setSignalId(signalId).setConnectionId(connection).setTable(table).setType(CaptureSignalType.SNAPSHOT)
                .setRequestedBy("scenario").setSentAt(Instant.now()).build());
    }

    /**
     * The records of a TYPED topic ({@code <prefix>.typed.<connection>.<entity>}) in offset order, keys and values
     * as generic Avro records (a consumer that has only the registered schemas), tombstones as null values.
     */
    public List<ConsumerRecord<Object, Object>> typedRecords(String connection, String entity) {
        AvroDeserializer<Object> keys = new AvroDeserializer<>();
        keys.configure(Map.of("schema.registry.url", registry), true);
        return read(name + ".typed." + connection + "." + entity, "read_committed", keys, false);
    }

    /** The schema registry the pollers of this scenario use. */
    public String registry() {
        return registry;
    }

    /** The token requests the poller published (as the token-service would read them). */
    public List<TokenRequest> tokenRequests() {
        List<TokenRequest> requests = new ArrayList<>();
        readAll(topics.tokenRequests().name(), "read_committed").forEach(r -> requests.add((TokenRequest) r.value()));
        return requests;
    }

    public Optional<ConfigurableApplicationContext> latestInstance() {
        return instances.isEmpty() ? Optional.empty() : Optional.of(instances.get(instances.size() - 1));
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
        processes.forEach(PollerProcess::close);
        if (producer != null) {
            producer.close();
        }
    }

    private List<ConsumerRecord<String, Object>> readAll(String topic, String isolation) {
        return read(topic, isolation, new StringDeserializer(), true);
    }

    /** Every record of {@code topic} up to its end when asked; values as generated classes or generic records. */
    private <K> List<ConsumerRecord<K, Object>> read(String topic, String isolation, Deserializer<K> keys,
                                                     boolean specific) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", rig.brokers());
        config.put("isolation.level", isolation);
        config.put("schema.registry.url", registry);
        config.put("specific.avro.reader", specific);
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        List<ConsumerRecord<K, Object>> records = new ArrayList<>();
        try (KafkaConsumer<K, Object> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private void send(String topic, String key, Object value) {
        if (producer == null) {
            Map<String, Object> config = Map.of("bootstrap.servers", rig.brokers(), "schema.registry.url", registry);
            AvroSerializer<Object> values = new AvroSerializer<>();
            values.configure(config, false);
            producer = new KafkaProducer<>(config, new StringSerializer(), values);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }
}
