package io.crmbridge.poller;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.webapi.DataverseConnection;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.Query;
import io.crmbridge.crm.webapi.ReadOptions;
import io.crmbridge.crm.webapi.WebApiSettings;
import io.crmbridge.events.CaptureEvent;
import io.crmbridge.events.CaptureEventType;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.ConnectionStatus;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.dataverse.Table;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * The poller's benchmark (not a test; run on demand, see the README): one poller instance, one subscription
 * ({@code account}, 5,000-row pages), the sandbox over HTTPS and an embedded broker in this JVM.
 * <ol>
 *   <li>snapshot throughput: the initial sync of N rows, sandbox → Kafka, transactional;</li>
 *   <li>delta throughput: N rows updated while the connection is paused (TOKEN_EXPIRED), then caught up after
 *       RECONNECTED;</li>
 *   <li>capture latency at a 1 s interval: rows written at a steady rate, each carrying its write time, read back
 *       by a read_committed consumer; p50 / p99;</li>
 *   <li>read ceiling: the same reads through crm-client, nothing written;</li>
 *   <li>raw ceiling: a bare transactional producer writing the same events (captured ones, re-keyed) in
 *       transactions of one page;</li>
 *   <li>snapshot on demand: a SNAPSHOT signal on {@code crm.capture-signals} after the delta, the same N rows
 *       re-read and published as SNAPSHOT events (published changes, and SNAPSHOT_STARTED → SNAPSHOT_COMPLETED);</li>
 *   <li>reconciliation: re-syncs after {@code breakDeltaTokens()}, of the unchanged table (every record checked
 *       against the record index, nothing published) and after deleting 1 % of the rows while paused;
 *       RESYNC_REQUIRED → RESYNC_COMPLETED, records checked per second;</li>
 *   <li>what the record index adds: serialized bytes on {@code crm.poller-records} per entry and per tombstone,
 *       beside the change topic's bytes per {@code RecordChanged} and per tombstone, and both topics on disk.</li>
 * </ol>
 * Arguments: rows (default 200000), latency seconds (default 30), latency writes per second (default 200),
 * active interval (default 250ms; 1s polls at a fixed 1 s rate whatever happens).
 */
public final class PollerBenchmark {

    private static final String CONNECTION = "bench";
    private static final int PAGE = 5000;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int latencyRate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String activeInterval = args.length > 3 ? args[3] : "250ms";
        Map<String, String> results = new java.util.LinkedHashMap<>();
        results.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        try (PollerRig rig = new PollerRig(); Scenario scenario = rig.scenario(CONNECTION)) {
            Table accounts = scenario.org(CONNECTION).table("account");
            List<UUID> ids = seed(accounts, rows, results);
            scenario.connect(CONNECTION)
                    .poll(CONNECTION, "account", "name", "accountnumber", "revenue", "industrycode", "telephone1",
                            "description", "numberofemployees")
                    .with("crmbridge.poller.defaults.interval", "1s")
                    .with("crmbridge.poller.defaults.active-interval", activeInterval)
                    .with("crmbridge.poller.defaults.page-size", PAGE)
                    .with("logging.level.io.crmbridge", "WARN");
            ConfigurableApplicationContext poller = scenario.startPoller();
            MeterRegistry meters = poller.getBean(MeterRegistry.class);

            double snapshot = captureRate(meters, rows, 0);
            results.put("snapshot: changes/s (sandbox -> Kafka, transactional)", format(snapshot));

            scenario.publishConnectionEvent(CONNECTION, ConnectionEventType.TOKEN_EXPIRED, ConnectionState.EXPIRED);
            awaitPaused(poller, meters);
            long updateStart = System.nanoTime();
            for (UUID id : ids) {
                accounts.update(id, Map.of("telephone1", "+1 555 " + (id.hashCode() & 0xffff)));
            }
            results.put("sandbox updates/s (in-process writes)", format(rows / seconds(updateStart)));
            scenario.publishConnectionEvent(CONNECTION, ConnectionEventType.RECONNECTED, ConnectionState.ACTIVE);
            double delta = captureRate(meters, rows, rows);
            results.put("delta: changes/s (sandbox -> Kafka, transactional)", format(delta));
            results.put("mean Dataverse read per poll (ms, prefetch waits included)", String.format("%.1f",
                    meters.find("crmbridge.poller.poll.duration").timer().mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
            results.put("mean page transaction incl. mapping (ms)", String.format("%.1f",
                    meters.find("crmbridge.poller.commit.duration").timer().mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
            long requests = scenario.org(CONNECTION).requestCounts().total();
            results.put("Dataverse requests per 1,000 changes", String.format("%.2f", requests * 1000.0 / (2.0 * rows)));

            double onDemand = snapshotOnDemand(scenario, meters, rows, results);
            double checked = reconciliation(scenario, poller, meters, ids, results);
            indexBytes(rig, scenario, results);

            results.put("poll interval / active interval", "1s / " + activeInterval);
            latency(scenario, accounts, latencySeconds, latencyRate, results);

            double read = readCeiling(rig, scenario);
            results.put("read ceiling: crm-client paging the same table (no Kafka), changes/s", format(read));
            double raw = rawCeiling(rig, scenario, rows);
            results.put("raw ceiling: bare transactional producer, same events, changes/s", format(raw));
            results.put("delta / raw ceiling", String.format("%.0f %%", 100 * delta / raw));
            results.put("delta / min(read ceiling, raw ceiling)", String.format("%.0f %%",
                    100 * delta / Math.min(read, raw)));
            results.put("snapshot on demand / read ceiling", String.format("%.0f %%", 100 * onDemand / read));
            results.put("re-sync records checked / read ceiling", String.format("%.0f %%", 100 * checked / read));
            results.put("poller heap used after the run (whole JVM: broker, sandbox, poller)",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1 << 20) + " MB");
            scenario.close();
            double typedDelta = typed(rig, rows, activeInterval, results);
            results.put("TYPED delta / GENERIC delta (same run)", String.format("%.0f %%", 100 * typedDelta / delta));
        }
        System.out.println();
        System.out.println("=== PollerBenchmark (" + rows + " rows, pages of " + PAGE + ") ===");
        results.forEach((k, v) -> System.out.printf("%-75s %s%n", k, v));
        System.exit(0);
    }

    /**
     * The same table, rows and phases in the TYPED format (Debezium's envelope, a schema per table): a poller of its
     * own on an org of its own, after the GENERIC phases, so both figures come from one run.
     */
    private static double typed(PollerRig rig, int rows, String activeInterval, Map<String, String> results)
            throws InterruptedException {
        String connection = CONNECTION + "-typed";
        try (Scenario scenario = rig.scenario(connection)) {
            Table accounts = scenario.org(connection).table("account");
            List<UUID> ids = seed(accounts, rows, new java.util.LinkedHashMap<>());
            scenario.connect(connection)
                    .poll(connection, "account", "name", "accountnumber", "revenue", "industrycode", "telephone1",
                            "description", "numberofemployees")
                    .with("crmbridge.poller.defaults.format", "TYPED")
                    .with("crmbridge.poller.defaults.interval", "1s")
                    .with("crmbridge.poller.defaults.active-interval", activeInterval)
                    .with("crmbridge.poller.defaults.page-size", PAGE)
                    .with("logging.level.io.crmbridge", "WARN");
            ConfigurableApplicationContext poller = scenario.startPoller();
            MeterRegistry meters = poller.getBean(MeterRegistry.class);
            results.put("TYPED snapshot: changes/s", format(captureRate(meters, rows, 0)));
            scenario.publishConnectionEvent(connection, ConnectionEventType.TOKEN_EXPIRED, ConnectionState.EXPIRED);
            awaitPaused(poller, meters, connection);
            for (UUID id : ids) {
                accounts.update(id, Map.of("telephone1", "+1 555 " + (id.hashCode() & 0xffff)));
            }
            scenario.publishConnectionEvent(connection, ConnectionEventType.RECONNECTED, ConnectionState.ACTIVE);
            double delta = captureRate(meters, rows, rows);
            results.put("TYPED delta: changes/s", format(delta));
            return delta;
        }
    }

    private static void awaitPaused(ConfigurableApplicationContext poller, MeterRegistry meters) {
        awaitPaused(poller, meters, CONNECTION);
    }

    /**
     * Waits until the connection is paused and no poll is under way any more (none ended within the last second),
     * so the updates written next are all captured after the reconnect, in the measured delta.
     */
    private static void awaitPaused(ConfigurableApplicationContext poller, MeterRegistry meters, String connection) {
        ConnectionStates states = poller.getBean(ConnectionStates.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> states.status(ConnectionId.of(connection)) == ConnectionStatus.TOKEN_EXPIRED);
        AtomicLong polls = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> polls.getAndSet(pollsEnded(meters)) == polls.get());
    }

    private static long pollsEnded(MeterRegistry meters) {
        return meters.find("crmbridge.poller.poll.duration").timer().count();
    }

    private static List<UUID> seed(Table accounts, int rows, Map<String, String> results) {
        long start = System.nanoTime();
        List<UUID> ids = new ArrayList<>(rows);
        String description = "A customer account used by the poller benchmark; about a hundred characters of text.";
        for (int i = 0; i < rows; i++) {
            ids.add(accounts.create(Map.of("name", "Account " + i, "accountnumber", "AC" + i,
                    "revenue", new BigDecimal(i % 100_000 + ".5000"), "industrycode", 1 + i % 7,
                    "telephone1", "+1 555 0100", "description", description, "numberofemployees", i % 5000)));
        }
        results.put("sandbox creates/s (in-process seeding)", format(rows / seconds(start)));
        return ids;
    }

    /** Changes per second from the first published change after {@code before} until {@code before + count}. */
    private static double captureRate(MeterRegistry meters, int count, int before) throws InterruptedException {
        while (published(meters) <= before) {
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        double first = published(meters);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (published(meters) < before + count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + published(meters) + " of " + (before + count) + " published");
            }
            Thread.sleep(5);
        }
        return (before + count - first) / seconds(start);
    }

    private static double published(MeterRegistry meters) {
        return meters.find("crmbridge.poller.changes.published").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** A snapshot on demand of the unchanged table, asked for through the signal topic. */
    private static double snapshotOnDemand(Scenario scenario, MeterRegistry meters, int rows,
                                           Map<String, String> results) throws InterruptedException {
        int before = (int) published(meters);
        scenario.signalSnapshot(CONNECTION, "account", "bench-snapshot");
        double rate = captureRate(meters, rows, before);
        results.put("snapshot on demand: changes/s (SNAPSHOT events, sandbox -> Kafka)", format(rate));
        CaptureEvent completed = awaitEvent(scenario, CaptureEventType.SNAPSHOT_COMPLETED, "bench-snapshot", 0);
        CaptureEvent started = awaitEvent(scenario, CaptureEventType.SNAPSHOT_STARTED, "bench-snapshot", 0);
        double span = Duration.between(started.getOccurredAt(), completed.getOccurredAt()).toMillis() / 1000.0;
        results.put("snapshot on demand: rows/s SNAPSHOT_STARTED -> SNAPSHOT_COMPLETED (" + completed.getRows()
                + " rows)", format(completed.getRows() / span));
        return rate;
    }

    /**
     * Two re-syncs against the record index after the sandbox refused the delta token: of the unchanged table, then
     * after 1 % of the rows were deleted while the connection was paused (so every deletion falls in the re-sync).
     * Returns the records checked per second of the unchanged one.
     */
    private static double reconciliation(Scenario scenario, ConfigurableApplicationContext poller, MeterRegistry meters,
                                         List<UUID> ids, Map<String, String> results) throws InterruptedException {
        Table accounts = scenario.org(CONNECTION).table("account");
        double before = published(meters);
        scenario.org(CONNECTION).breakDeltaTokens();
        double unchanged = resyncRate(scenario, 0);
        results.put("re-sync, table unchanged: index entries checked/s (RESYNC_REQUIRED -> COMPLETED)",
                format(unchanged));
        results.put("re-sync, table unchanged: changes published", format(published(meters) - before));

        scenario.publishConnectionEvent(CONNECTION, ConnectionEventType.TOKEN_EXPIRED, ConnectionState.EXPIRED);
        awaitPaused(poller, meters);
        scenario.org(CONNECTION).breakDeltaTokens();
        List<UUID> deleted = ids.subList(0, ids.size() / 100);
        deleted.forEach(accounts::delete);
        before = published(meters);
        scenario.publishConnectionEvent(CONNECTION, ConnectionEventType.RECONNECTED, ConnectionState.ACTIVE);
        double withDeletes = resyncRate(scenario, 1);
        results.put("re-sync, " + deleted.size() + " rows deleted: index entries checked/s", format(withDeletes));
        results.put("re-sync, " + deleted.size() + " rows deleted: changes published", format(published(meters) - before));
        return unchanged;
    }

    /** Index entries checked per second by the re-sync that ends with the {@code earlier + 1}th RESYNC_COMPLETED. */
    private static double resyncRate(Scenario scenario, int earlier) {
        CaptureEvent completed = awaitEvent(scenario, CaptureEventType.RESYNC_COMPLETED, null, earlier);
        CaptureEvent required = scenario.captureEvents(CONNECTION, CaptureEventType.RESYNC_REQUIRED).stream()
                .filter(e -> !e.getOccurredAt().isAfter(completed.getOccurredAt())).reduce((a, b) -> b).orElseThrow();
        double span = Duration.between(required.getOccurredAt(), completed.getOccurredAt()).toMillis() / 1000.0;
        return (completed.getRows() + completed.getDeletes()) / span;
    }

    /** The {@code earlier + 1}th capture event of {@code type} (and of the snapshot, if given), once committed. */
    private static CaptureEvent awaitEvent(Scenario scenario, CaptureEventType type, String snapshotId, int earlier) {
        java.util.function.Supplier<List<CaptureEvent>> events = () -> scenario.captureEvents(CONNECTION, type).stream()
                .filter(e -> snapshotId == null || snapshotId.equals(e.getSnapshotId())).toList();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> events.get().size() > earlier);
        return events.get().get(earlier);
    }

    /** What the record index adds on Kafka, beside what the change topic holds for the same subscription. */
    private static void indexBytes(PollerRig rig, Scenario scenario, Map<String, String> results) throws Exception {
        TopicBytes index = TopicBytes.of(rig.brokers(), scenario.topics().pollerRecords().name());
        TopicBytes changes = TopicBytes.of(rig.brokers(), CONNECTION + ".changes.account");
        results.put("record index: entries / tombstones written (crm.poller-records, not yet compacted)",
                index.values() + " / " + index.tombstones());
        results.put("record index: bytes per entry (key + serialized PolledRecord)",
                String.format("%.1f", index.bytesPerValue()));
        results.put("record index: bytes per tombstone (key)", String.format("%.1f", index.bytesPerTombstone()));
        results.put("change topic: events / tombstones", changes.values() + " / " + changes.tombstones());
        results.put("change topic: bytes per RecordChanged (key + value)", String.format("%.1f", changes.bytesPerValue()));
        results.put("change topic: bytes per tombstone (key)", String.format("%.1f", changes.bytesPerTombstone()));
        results.put("record index bytes per change event (all index bytes / change events)", String.format("%.1f",
                (index.valueBytes() + index.tombstoneBytes()) / (double) changes.values()));
        results.put("on disk (lz4, framing, markers): index / change topic, bytes per record", String.format(
                "%.1f / %.1f", index.onDisk() / (double) index.records(), changes.onDisk() / (double) changes.records()));
        results.put("on disk: record index / change topic", String.format("%.0f %%",
                100.0 * index.onDisk() / changes.onDisk()));
    }

    private static void latency(Scenario scenario, Table accounts, int seconds, int rate, Map<String, String> results)
            throws Exception {
        List<Long> latencies = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            long start = System.nanoTime();
            long written = 0;
            while (writing.get()) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                for (; written < due; written++) {
                    accounts.create(Map.of("name", "lat:" + System.currentTimeMillis()));
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "latency-writer");
        try (KafkaConsumer<String, Object> consumer = consumer(scenario)) {
            String topic = CONNECTION + ".changes.account";
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            writer.start();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end || latencies.size() < (long) seconds * rate * 0.95) {
                consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                    RecordChanged change = (RecordChanged) record.value();
                    Object name = change.getAttributes().get("name");
                    if (change.getChangeType() == ChangeType.CREATED && name instanceof String text
                            && text.startsWith("lat:")) {
                        latencies.add(System.currentTimeMillis() - Long.parseLong(text.substring(4)));
                    }
                });
                if (System.nanoTime() > end) {
                    writing.set(false);
                }
                if (System.nanoTime() > end + Duration.ofSeconds(20).toNanos()) {
                    break;
                }
            }
            writing.set(false);
            writer.join();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        results.put("latency: samples (" + rate + " writes/s for " + seconds + " s)", String.valueOf(sorted.length));
        results.put("latency p50 (write -> readable with read_committed)", percentile(sorted, 0.50) + " ms");
        results.put("latency p99", percentile(sorted, 0.99) + " ms");
        results.put("latency max", (sorted.length == 0 ? 0 : sorted[sorted.length - 1]) + " ms");
    }

    /** The same reads the poller makes (5,000-row tracking pages, typed parsing), without writing anything. */
    private static double readCeiling(PollerRig rig, Scenario scenario) {
        String orgUrl = scenario.org(CONNECTION).url();
        ConnectionId connection = ConnectionId.of("read-ceiling");
        AccessTokens tokens = AccessTokens.supplied(java.net.URI.create(orgUrl), c -> new AccessTokens.IssuedToken(
                rig.sandbox().appAccessToken(orgUrl), Instant.now().plus(Duration.ofHours(1))));
        DataverseWebApi api = new DataverseWebApi(WebApiSettings.defaults(), tokens,
                DataverseWebApi.httpClient(SandboxTls.trustManagers()), java.time.Clock.systemUTC());
        DataverseConnection dataverse = api.connection(connection, java.net.URI.create(orgUrl));
        RecordParser parser = new RecordParser(dataverse.table("account").block().orElseThrow());
        Query query = Query.of("accounts").select("name", "accountnumber", "revenue", "industrycode", "telephone1",
                "description", "numberofemployees", "createdon", "modifiedon");
        long start = System.nanoTime();
        long read = dataverse.pages(parser, query, ReadOptions.tracking(PAGE)).toStream()
                .mapToLong(outcome -> outcome.orElseThrow().size()).sum();
        return read / seconds(start);
    }

    private static double rawCeiling(PollerRig rig, Scenario scenario, int rows) throws Exception {
        List<RecordChanged> sample = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = consumer(scenario)) {
            String topic = CONNECTION + ".changes.account";
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (sample.size() < PAGE) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> sample.add((RecordChanged) r.value()));
            }
        }
        TopicSpec raw = new TopicSpec(CONNECTION + ".raw-ceiling", "connectionId:recordId", 3, java.util.Optional.empty(),
                Map.of());
        TopicCreation.ensure(Map.of("bootstrap.servers", rig.brokers()), List.of(raw), Duration.ofSeconds(30));
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", rig.brokers(),
                "schema.registry.url", Scenario.REGISTRY, "transactional.id", "raw-ceiling", "compression.type", "lz4",
                "linger.ms", 5, "batch.size", 256 * 1024, "enable.idempotence", true, "acks", "all"));
        AvroSerializer<Object> values = new AvroSerializer<>();
        values.configure(config, false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.initTransactions();
            long start = System.nanoTime();
            for (int sent = 0; sent < rows; ) {
                producer.beginTransaction();
                for (int i = 0; i < PAGE && sent < rows; i++, sent++) {
                    RecordChanged event = sample.get(i % sample.size());
                    producer.send(new ProducerRecord<>(raw.name(), CONNECTION + ":" + sent, event));
                }
                producer.commitTransaction();
            }
            return rows / seconds(start);
        }
    }

    private static KafkaConsumer<String, Object> consumer(Scenario scenario) {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", scenario.brokers(),
                "isolation.level", "read_committed", "schema.registry.url", Scenario.REGISTRY,
                "specific.avro.reader", true, "max.poll.records", 5000));
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), values);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String format(double perSecond) {
        return String.format("%,.0f", perSecond);
    }

    private PollerBenchmark() {
    }
}
