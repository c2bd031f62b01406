package io.crmbridge.local;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import static org.awaitility.Awaitility.await;

/**
 * The whole of CRM Bridge for the scenario tests, started once for all of them: the local stack (a real KRaft
 * broker, the sandbox over HTTPS, token-, poller- and action-service as separate Spring contexts) on free ports,
 * without demo traffic, and what the scenarios see on its topics. The delegated connection (alice) reads its own
 * org, {@value #DELEGATED_ORG}, so the sandbox can tell when her polling stops. Public for the CLI's tests
 * against the running services ({@code io.crmbridge.local.cli}).
 */
public final class WholeSystem implements ParameterResolver {

    static final String DELEGATED_ORG = "fabrikam";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Both parts, closed by JUnit when the run ends (the root store closes AutoCloseable values). */
    private record Running(LocalStack stack, EventsSeen events) implements AutoCloseable {

        static Running start() {
            LocalStack stack = LocalStack.start(LocalStackSettings.forTests().withDelegatedOrg(DELEGATED_ORG));
            // Ready when the app connection's accounts are synced: a row written from now on arrives as a change.
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    subscription(stack, DemoConfiguration.APP_CONNECTION + ":account").path("position").asString()
                            .startsWith("delta"));
            return new Running(stack, EventsSeen.start(stack.kafkaBootstrapServers(),
                    stack.sandbox().registryUrl().toString(), DemoConfiguration.TOPIC_PREFIX));
        }

        @Override
        public void close() {
            events.close();
            stack.close();
        }
    }

    /** The poller's view of one subscription ({@code connection:entity}), from its health details. */
    static JsonNode subscription(LocalStack stack, String key) throws IOException, InterruptedException {
        String health = HTTP.send(HttpRequest.newBuilder(stack.pollerServiceUrl().resolve("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode subscriptions = JsonMapper.builder().build().readTree(health).findValue("subscriptions");
        return subscriptions == null ? MissingNode.getInstance() : subscriptions.path(key);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == EventsSeen.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.create(WholeSystem.class))
                .computeIfAbsent(Running.class, type -> Running.start(), Running.class);
        return parameter.getParameter().getType() == LocalStack.class ? running.stack() : running.events();
    }
}
