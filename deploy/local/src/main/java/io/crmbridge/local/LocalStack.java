package io.crmbridge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
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
import io.crmbridge.sandbox.identity.IdentitySettings;
import io.crmbridge.sandbox.identity.Lifetimes;
import io.crmbridge.sandbox.traffic.TrafficPlan;
import io.crmbridge.token.TokenServiceApplication;
import sun.misc.Signal;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole of CRM Bridge in one process: an embedded Kafka broker (KRaft) on a fixed port, the sandbox (Dataverse,
 * Entra ID / AD FS, schema registry) and token-, poller- and action-service, each in its own Spring context.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackSettings settings;
    private final KafkaBroker kafka;
    private final Sandbox sandbox;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final ConsoleReport console;

    private LocalStack(LocalStackSettings requested) {
        this.settings = withFreePorts(requested);
        this.kafka = new KafkaBroker(settings.kafkaPort());
        Sandbox started = null;
        try {
            started = Sandbox.start(SandboxSettings.defaults()
                    .withPorts(settings.sandboxHttpsPort(), settings.sandboxHttpPort())
                    .withIdentity(IdentitySettings.defaults().withLifetimes(
                            Lifetimes.defaults().withAccessToken(settings.accessTokenLifetime()))));
            this.sandbox = started;
            DemoConfiguration demo = new DemoConfiguration(sandbox, kafka.bootstrapServers(), settings);
            services.add(start(TokenServiceApplication.application(), demo.tokenService(settings.tokenServicePort())));
            services.add(start(PollerServiceApplication.application(), demo.poller(settings.pollerServicePort())));
            services.add(start(ActionServiceApplication.application(), demo.action(settings.actionServicePort())));
        } catch (RuntimeException e) {
            services.forEach(ConfigurableApplicationContext::close);
            if (started != null) {
                started.close();
            }
            kafka.close();
            throw e;
        }
        if (settings.demo()) {
            // A live change feed for the demo: 5 writes a second on accounts, mostly creates and updates.
            sandbox.traffic().start(new TrafficPlan(Dataverse.SEEDED_ORG, "account", 5, 50, 40, 10));
            this.console = ConsoleReport.start(kafka.bootstrapServers(), sandbox.registryUrl().toString(),
                    DemoConfiguration.TOPIC_PREFIX, Duration.ofSeconds(5), System.out);
        } else {
            this.console = null;
        }
    }

    /** Starts every part; a part that fails stops the ones already started. */
    public static LocalStack start(LocalStackSettings settings) {
        return new LocalStack(settings);
    }

    // The token-service must know its own port before it starts: its OAuth redirect URI names it.
    private static LocalStackSettings withFreePorts(LocalStackSettings s) {
        return new LocalStackSettings(s.kafkaPort(), s.sandboxHttpsPort(), s.sandboxHttpPort(),
                freeIfZero(s.tokenServicePort()), freeIfZero(s.pollerServicePort()), freeIfZero(s.actionServicePort()),
                s.accessTokenLifetime(), s.delegatedOrg(), s.demo());
    }

    private static int freeIfZero(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        // Logback configures itself from logback.xml: under Spring Boot's logging system, the first service context
        // to close would reset it for the whole process and the console would go silent while the rest stops.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, System.getProperty(LoggingSystem.SYSTEM_PROPERTY,
                LoggingSystem.NONE));
        LocalStackSettings settings = LocalStackSettings.defaults();
        LocalStack stack;
        try {
            stack = start(settings);
        } catch (RuntimeException e) {
            // Leave the JVM explicitly: a library thread of a stopped part must not keep it alive.
            System.err.println("The local stack could not start: " + e.getMessage());
            System.err.println("Is another instance still running (ports " + settings.kafkaPort() + ", "
                    + settings.sandboxHttpsPort() + ", "
                    + settings.sandboxHttpPort() + ", " + settings.tokenServicePort() + "-" + settings.actionServicePort()
                    + ")?");
            System.exit(1);
            return;
        }
        // Ctrl-C and SIGTERM are handled here, not in a shutdown hook: the broker's test kit deletes its log
        // directory in a shutdown hook of its own, which would run beside ours and fail the broker under the services
        // still committing. The stack is closed in order first; the JVM's hooks run after, on exit.
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        System.out.println(stack.welcome((System.nanoTime() - started) / 1_000_000));
        stopRequested.await();
        System.out.println("Stopping the local stack...");
        stack.close();
        System.exit(0);
    }

    // As command-line arguments: they outrank the service's own <service>.yml, where builder properties would not.
    private static ConfigurableApplicationContext start(SpringApplicationBuilder service, Map<String, Object> config) {
        return service.run(config.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    String welcome(long startMillis) {
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
                "  (CLI: tail <entity> | send <file.json|-> | connections | expire-token <user> | reconnect <connection>)",
                "Expire alice's refresh token (after connecting " + DemoConfiguration.DELEGATED_CONNECTION
                        + "): access tokens live " + settings.accessTokenLifetime().toSeconds()
                        + " s here, so TOKEN_EXPIRED follows within " + settings.accessTokenLifetime().toSeconds() / 2
                        + " s:",
                "  " + cli() + " expire-token alice@contoso.example",
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

    public URI tokenServiceUrl() {
        return URI.create("http://localhost:" + settings.tokenServicePort());
    }

    public URI actionServiceUrl() {
        return URI.create("http://localhost:" + settings.actionServicePort());
    }

    public URI pollerServiceUrl() {
        return URI.create("http://localhost:" + settings.pollerServicePort());
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        sandbox.close();
        kafka.close();
    }
}
