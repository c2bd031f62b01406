package io.crmbridge.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.crmbridge.action.ActionServiceApplication;
import io.crmbridge.poller.PollerServiceApplication;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
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
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();

    private LocalStack(LocalStackSettings settings) {
        this.kafka = new KafkaBroker();
        this.sandbox = Sandbox.start(SandboxSettings.defaults().withPorts(settings.sandboxHttpsPort(),
                settings.sandboxHttpPort()));
        services.add(start(TokenServiceApplication.application(), settings.tokenServicePort()));
        services.add(start(PollerServiceApplication.application(), settings.pollerServicePort()));
        services.add(start(ActionServiceApplication.application(), settings.actionServicePort()));
    }

    public static LocalStack start(LocalStackSettings settings) {
        return new LocalStack(settings);
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        LocalStackSettings settings = LocalStackSettings.defaults();
        LocalStack stack = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println(stack.welcome(settings, (System.nanoTime() - started) / 1_000_000));
        stopped.await();
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder service, int port) {
        return service.properties(
                "server.port=" + port,
                "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "crmbridge.topics.partitions=3",
                "crmbridge.topics.replication-factor=1").run();
    }

    String welcome(LocalStackSettings settings, long startMillis) {
        return String.join(System.lineSeparator(),
                "",
                "CRM Bridge local stack is up (" + startMillis + " ms)",
                "  Kafka bootstrap servers  " + kafka.bootstrapServers(),
                "  Schema registry          " + sandbox.registryUrl(),
                "  Sandbox (Dataverse, Entra ID, AD FS, admin)  " + sandbox.httpsBase()
                        + "  (test certificate: deploy/sandbox/src/main/resources/tls/sandbox-ca.pem)",
                "  token-service            http://localhost:" + settings.tokenServicePort(),
                "  poller-service           http://localhost:" + settings.pollerServicePort(),
                "  action-service           http://localhost:" + settings.actionServicePort(),
                "Ctrl-C stops everything.");
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        sandbox.close();
        kafka.close();
    }
}
