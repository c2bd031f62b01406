package io.crmbridge.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The stack's console: reads the change topics, the write results and the connection events (read_committed, as
 * any downstream consumer must) and prints plain lines — counts every few seconds, connection events at once.
 */
final class ConsoleReport implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;
    private final Pattern topics;
    private final String prefix;
    private final PrintStream out;
    private final Duration every;
    private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final Thread thread;
    // What the last report printed, so the next one prints the difference.
    private final Map<String, Long> reported = new TreeMap<>();
    private long reportedCommands;

    ConsoleReport(String bootstrapServers, String registryUrl, String prefix, Duration every, PrintStream out) {
        this.prefix = prefix;
        this.out = out;
        this.every = every;
        this.topics = Pattern.compile(Pattern.quote(prefix) + "\\.(changes\\..+|write-results|connection-events)");
        this.consumer = new KafkaConsumer<>(settings(bootstrapServers, registryUrl));
        this.thread = new Thread(this::run, "console-report");
        thread.setDaemon(true);
    }

    static ConsoleReport start(String bootstrapServers, String registryUrl, String prefix, Duration every,
                               PrintStream out) {
        ConsoleReport report = new ConsoleReport(bootstrapServers, registryUrl, prefix, every, out);
        report.thread.start();
        return report;
    }

    long changes(String topic) {
        AtomicLong count = changes.get(topic);
        return count == null ? 0 : count.get();
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failed.get();
    }

    long connectionEvents() {
        return events.get();
    }

    private static Properties settings(String bootstrapServers, String registryUrl) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Its own group each run: the console counts from the start of the topics and commits nothing that matters.
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "crm-bridge-console-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Change topics appear while the stack runs (the poller creates them): look for new ones often.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2_000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        p.put("schema.registry.url", registryUrl);
        p.put("specific.avro.reader", true);
        return p;
    }

    private void run() {
        try {
            consumer.subscribe(topics);
            long next = System.nanoTime() + every.toNanos();
            while (true) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    count(record);
                }
                if (System.nanoTime() - next >= 0) {
                    report();
                    next = System.nanoTime() + every.toNanos();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer: the stack is stopping.
        } catch (RuntimeException e) {
            out.println("console  stopped: " + e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void count(ConsumerRecord<String, Object> record) {
        if (record.value() instanceof ConnectionEvent event) {
            events.incrementAndGet();
            out.println(line(event));
        } else if (record.value() instanceof WriteResult result) {
            (result.getStatus() == WriteStatus.SUCCEEDED ? succeeded : failed).incrementAndGet();
        } else if (record.topic().startsWith(prefix + ".changes.")) {
            changes.computeIfAbsent(record.topic(), t -> new AtomicLong()).incrementAndGet();
        }
    }

    private void report() {
        changes.forEach((topic, count) -> {
            long total = count.get();
            long before = reported.getOrDefault(topic, 0L);
            if (total > before) {
                out.println("changes  " + topic + " +" + (total - before) + " (total " + total + ")");
                reported.put(topic, total);
            }
        });
        long ok = succeeded.get();
        long notOk = failed.get();
        if (ok + notOk > reportedCommands) {
            out.println("commands applied +" + (ok + notOk - reportedCommands) + " (SUCCEEDED " + ok + ", FAILED "
                    + notOk + ")");
            reportedCommands = ok + notOk;
        }
    }

    static String line(ConnectionEvent event) {
        StringBuilder line = new StringBuilder("event  ").append(event.getConnectionId()).append(' ')
                .append(event.getType()).append(" -> ").append(event.getState());
        if (event.getReasonCode() != null) {
            line.append(' ').append(event.getReasonCode());
        }
        if (event.getReconnectUrl() != null) {
            line.append(" - reconnect at ").append(event.getReconnectUrl());
        }
        return line.toString();
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
