package io.crmbridge.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.crmbridge.action.ActionServiceApplication;
import io.crmbridge.poller.PollerServiceApplication;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.traffic.TrafficPlan;
import io.crmbridge.token.TokenServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole of CRM Bridge in one process: an embedded Kafka broker (KRaft) on a fixed port, the sandbox (Dataverse,
 * Entra ID / AD FS, schema registry) and token-, poller- and action-service, each in its own Spring context.
 */
public final class LocalStack implements AutoCloseable {

    private final KafkaBroker kafka;
    private final Sandbox sandbox;
    private final DemoConfiguration demo;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final ConsoleReport console;

    private LocalStack(LocalStackSettings settings) {
        this.kafka = new KafkaBroker();
        this.sandbox = Sandbox.start(SandboxSettings.defaults().withPorts(settings.sandboxHttpsPort(),
                settings.sandboxHttpPort()));
        this.demo = new DemoConfiguration(sandbox, kafka.bootstrapServers());
        services.add(start(TokenServiceApplication.application(), demo.tokenService(settings.tokenServicePort())));
        services.add(start(PollerServiceApplication.application(), demo.poller(settings.pollerServicePort())));
        services.add(start(ActionServiceApplication.application(), demo.action(settings.actionServicePort())));
        // A live change feed for the demo: 5 writes a second on accounts, mostly creates and updates.
        sandbox.traffic().start(new TrafficPlan(Dataverse.SEEDED_ORG, "account", 5, 50, 40, 10));
        this.console = ConsoleReport.start(kafka.bootstrapServers(), sandbox.registryUrl().toString(),
                DemoConfiguration.TOPIC_PREFIX, Duration.ofSeconds(5), System.out);
    }

    public static LocalStack start(LocalStackSettings settings) {
        return new LocalStack(settings);
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        LocalStackSettings settings = LocalStackSettings.defaults();
        LocalStack stack;
        try {
            stack = start(settings);
        } catch (RuntimeException e) {
            // A part that did start (broker, sandbox) keeps non-daemon threads alive: leave the JVM explicitly.
            System.err.println("The local stack could not start: " + e.getMessage());
            System.err.println("Is another instance still running (ports " + settings.sandboxHttpsPort() + ", "
                    + settings.sandboxHttpPort() + ", " + settings.tokenServicePort() + "-" + settings.actionServicePort()
                    + ")?");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println(stack.welcome(settings, (System.nanoTime() - started) / 1_000_000));
        stopped.await();
    }

    // As command-line arguments: they outrank the service's own <service>.yml, where builder properties would not.
    private static ConfigurableApplicationContext start(SpringApplicationBuilder service, Map<String, Object> config) {
        return service.run(config.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    String welcome(LocalStackSettings settings, long startMillis) {
        return String.join(System.lineSeparator(),
                "",
                "CRM Bridge local stack is up (" + startMillis + " ms)",
                "  Kafka bootstrap servers  " + kafka.bootstrapServers(),
                "  Schema registry          " + sandbox.registryUrl(),
                "  Sandbox (Dataverse, Entra ID, AD FS, admin)  " + sandbox.httpsBase()
                        + "  (test certificate: deploy/sandbox/src/main/resources/tls/sandbox-ca.pem)",
                "  token-service            http://localhost:" + settings.tokenServicePort() + "/connections  (user "
                        + DemoConfiguration.ADMIN_USER + ", password " + DemoConfiguration.ADMIN_PASSWORD
                        + "; connect " + DemoConfiguration.DELEGATED_CONNECTION + " as alice@contoso.example / alice-password)",
                "  poller-service           http://localhost:" + settings.pollerServicePort(),
                "  action-service           http://localhost:" + settings.actionServicePort(),
                "Consume a topic (values are Avro in Confluent's wire format; read_committed skips aborted writes):",
                "  " + cli() + " tail account",
                "  kafka-avro-console-consumer --bootstrap-server " + kafka.bootstrapServers()
                        + " --topic crm.changes.account --from-beginning --isolation-level read_committed"
                        + " --property schema.registry.url=" + sandbox.registryUrl(),
                "  (CLI: tail <entity> | send <file.json|-> | connections | expire-token <user> | reconnect <connection>,"
                        + " add --bootstrap " + kafka.bootstrapServers() + ")",
                "Ctrl-C stops everything.");
    }

    private static String cli() {
        return "java -cp deploy/local/target/local-0.1.0-SNAPSHOT-exec.jar -Dloader.main=io.crmbridge.local.cli.Cli"
                + " org.springframework.boot.loader.launch.PropertiesLauncher";
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        console.close();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        sandbox.close();
        kafka.close();
    }
}
