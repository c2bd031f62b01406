package io.crmbridge.action;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.action.pipeline.CommandPipeline;
import io.crmbridge.action.testing.AvroCommands;
import io.crmbridge.action.testing.TestBroker;
import io.crmbridge.action.testing.TokenService;
import io.crmbridge.crm.governor.GovernorSettings;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.webapi.Batch;
import io.crmbridge.crm.webapi.DataverseConnection;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.WebApiRequest;
import io.crmbridge.crm.webapi.WebApiSettings;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.dataverse.ServiceProtectionLimits;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSettings;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;

/**
 * Benchmark, not a test: commands/s of the action service end to end (Kafka → Dataverse → result in Kafka) with
 * and without {@code $batch}, beside the raw ceiling (bare {@code $batch} HTTP to the sandbox through crm-client,
 * no Kafka) in the same run. Everything (broker, sandbox, service) shares this JVM and its cores.
 *
 * <pre>
 * ./mvnw -B -q -o -pl action-service test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp action-service/target/test-classes:action-service/target/classes:$(cat /tmp/cp.txt) \
 *     io.crmbridge.action.ActionBenchmark [commands] [batchSize]
 * </pre>
 */
public final class ActionBenchmark {

    private static final int PARTITIONS = 6;

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int singles = Math.max(2_000, commands / 10);
        try (TestBroker broker = TestBroker.start(PARTITIONS);
             Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            sandbox.dataverse().org("bench").throttle(new ServiceProtectionLimits(100_000_000, Duration.ofSeconds(300),
                    10_000, Duration.ZERO));
            double rawBefore = rawCeiling(sandbox, commands, batchSize);
            double batched = service(broker, sandbox, "batched", commands, true, batchSize);
            double single = service(broker, sandbox, "single", singles, false, batchSize);
            // Measured on both sides of the service runs: on a shared machine the ceiling moves.
            double rawAfter = rawCeiling(sandbox, commands, batchSize);
            double raw = (rawBefore + rawAfter) / 2;
            System.out.printf("raw ceiling before %,.0f and after %,.0f commands/s%n", rawBefore, rawAfter);
            System.out.printf("%nnproc=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            System.out.printf("raw ceiling ($batch of %d, crm-client, no Kafka): %,10.0f commands/s%n", batchSize, raw);
            System.out.printf("service with $batch of %d:                      %,10.0f commands/s (%.0f %% of raw)%n",
                    batchSize, batched, 100 * batched / raw);
            System.out.printf("service without $batch:                        %,10.0f commands/s%n", single);
        }
        System.exit(0);
    }

    /** Creates sent straight to the sandbox as $batch requests, as many in flight as the service uses. */
    private static double rawCeiling(Sandbox sandbox, int commands, int batchSize) {
        String orgUrl = sandbox.dataverse().org("bench").url();
        String token = sandbox.appAccessToken(orgUrl);
        AccessTokens tokens = AccessTokens.supplied(URI.create(orgUrl),
                connection -> new AccessTokens.IssuedToken(token, Instant.now().plus(Duration.ofHours(1))));
        DataverseWebApi api = new DataverseWebApi(WebApiSettings.defaults().withGovernor(GovernorSettings.defaults()
                .withMaxConcurrency(16).withRates(100_000, 1, 100_000)), tokens,
                DataverseWebApi.httpClient(SandboxTls.trustManagers()), Clock.systemUTC());
        DataverseConnection connection = api.connection(io.crmbridge.crm.connection.ConnectionId.of("raw"),
                URI.create(orgUrl));
        send(connection, commands / 2, batchSize);
        long start = System.nanoTime();
        send(connection, commands, batchSize);
        double rate = commands / ((System.nanoTime() - start) / 1e9);
        int singles = Math.max(1_000, commands / 20);
        start = System.nanoTime();
        Flux.range(0, singles).flatMap(i -> connection.execute(WebApiRequest.json("POST", "accounts",
                "{\"accountid\":\"" + UUID.randomUUID() + "\",\"name\":\"single " + i + "\"}")), 16).blockLast();
        System.out.printf("raw single requests (no $batch, 16 in flight): %,.0f commands/s%n",
                singles / ((System.nanoTime() - start) / 1e9));
        return rate;
    }

    private static void send(DataverseConnection connection, int commands, int batchSize) {
        Flux.range(0, commands / batchSize).flatMap(b -> {
            Batch.Builder batch = Batch.builder();
            for (int i = 0; i < batchSize; i++) {
                batch.add(WebApiRequest.json("POST", "accounts", "{\"accountid\":\"" + UUID.randomUUID()
                        + "\",\"name\":\"raw " + b + "-" + i + "\"}"));
            }
            return connection.batch(batch.build(), true);
        }, 16).blockLast();
    }

    private static double service(TestBroker broker, Sandbox sandbox, String prefix, int commands, boolean batching,
                                  int batchSize) {
        Topics topics = new Topics(TopicSettings.defaults().withPrefix(prefix).withPartitions(PARTITIONS));
        TopicCreation.ensure(Map.of("bootstrap.servers", broker.servers()), List.of(topics.writeCommands(),
                topics.writeResults(), topics.accessTokens(), topics.connectionEvents(), topics.tokenRequests()),
                Duration.ofSeconds(30));
        String registry = sandbox.registryUrl().toString();
        String orgUrl = sandbox.dataverse().org("bench").url();
        try (TokenService tokens = new TokenService(broker.servers(), topics, registry)) {
            tokens.grant("bench", orgUrl, 1, sandbox.appAccessToken(orgUrl));
        }
        ConfigurableApplicationContext service = ActionServiceApplication.application()
                .run(properties(broker, registry, prefix, batching, batchSize));
        CommandPipeline pipeline = service.getBean(CommandPipeline.class);
        try (Results results = new Results(broker, topics)) {
            int warmUp = Math.min(5_000, commands / 5);
            produce(broker, topics, registry, prefix + "-warm", warmUp);
            results.await(warmUp);
            // The commands wait on the topic while the loops are stopped, so producing them is not measured.
            pipeline.stop();
            produce(broker, topics, registry, prefix, commands);
            long start = System.nanoTime();
            pipeline.start();
            results.await(warmUp + commands);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %,d waiting commands consumed, written and answered in %.2f s%n", prefix,
                    commands, seconds);
            return commands / seconds;
        } finally {
            // Stopped, not closed: closing a reactive context disposes Reactor Netty's global loops, which the
            // in-process sandbox serves on.
            pipeline.stop();
        }
    }

    private static void produce(TestBroker broker, Topics topics, String registry, String prefix, int commands) {
        AvroSerializer<WriteCommand> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry), false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.servers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"))) {
            String topic = topics.writeCommands().name();
            for (int i = 0; i < commands; i++) {
                WriteCommand command = AvroCommands.create(prefix + "-" + i, "bench", "account",
                        Map.of("name", "Account " + i, "numberofemployees", i));
                producer.send(new ProducerRecord<>(topic, "bench:account:" + prefix + i,
                        serializer.serialize(topic, command)));
            }
        }
    }

    /** Counts the committed results of a run. */
    private static final class Results implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private int seen;

        Results(TestBroker broker, Topics topics) {
            consumer = new KafkaConsumer<>(new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.servers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topics.writeResults().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void await(int total) {
            long report = System.nanoTime();
            while (seen < total) {
                seen += consumer.poll(Duration.ofMillis(50)).count();
                if (System.nanoTime() - report > 5_000_000_000L) {
                    System.out.printf("  %,d of %,d results%n", seen, total);
                    report = System.nanoTime();
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static String[] properties(TestBroker broker, String registry, String prefix, boolean batching,
                                       int batchSize) {
        return java.util.Arrays.stream(new String[] {
            "spring.kafka.bootstrap-servers=" + broker.servers(),
            "spring.kafka.properties.schema.registry.url=" + registry,
            "server.port=0",
            "logging.level.root=WARN",
            "crmbridge.topics.prefix=" + prefix,
            "crmbridge.topics.partitions=" + PARTITIONS,
            "crmbridge.token-encryption.active-key-id=" + TokenService.KEY_ID,
            "crmbridge.token-encryption.keys." + TokenService.KEY_ID + "=" + TokenService.KEY,
            "crmbridge.dataverse.trust-store=" + SandboxTls.trustStoreFile(),
            "crmbridge.dataverse.trust-store-password=" + SandboxTls.STORE_PASSWORD,
            "crmbridge.dataverse.initial-rate=5000",
            "crmbridge.dataverse.max-rate=100000",
            "crmbridge.dataverse.max-concurrency=16",
            "crmbridge.action.instance-id=bench-" + prefix,
            "crmbridge.action.group-id=bench-" + prefix,
            "crmbridge.action.max-records=" + Integer.getInteger("bench.maxRecords", 5000),
            "crmbridge.action.consumers=" + Integer.getInteger("bench.consumers", 1),
            "crmbridge.action.max-in-flight=16",
            "crmbridge.action.batching=" + batching,
            "crmbridge.action.batch-size=" + batchSize,
        }).map(property -> "--" + property).toArray(String[]::new);
    }
}
