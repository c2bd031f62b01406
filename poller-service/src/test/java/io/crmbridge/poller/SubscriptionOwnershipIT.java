package io.crmbridge.poller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.crmbridge.poller.capture.OwnedSubscriptions;
import io.crmbridge.poller.subscription.SubscriptionKey;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two poller instances share the shards: a subscription added through one instance's API is polled by the other
 * when the other owns its shard, within seconds and without a restart. Its own rig: two instances rebalance.
 */
class SubscriptionOwnershipIT {

    /** Their keys land on all three shards (partitions 1, 2 and 0 of crm.poller-checkpoints). */
    private static final List<String> TABLES = List.of("account", "contact", "lead");

    @AutoClose
    private final PollerRig rig = new PollerRig();

    @Test
    void aSubscriptionAddedThroughOneInstanceIsPolledByTheInstanceThatOwnsItsShard() {
        try (Scenario scenario = rig.scenario("two")) {
            scenario.connect("two");
            ConfigurableApplicationContext first = scenario.startPoller();
            ConfigurableApplicationContext second = scenario.startPoller();
            await().atMost(Duration.ofSeconds(60)).until(() -> shards(first).size() + shards(second).size() == 3
                    && !shards(first).isEmpty() && !shards(second).isEmpty());
            Set<Integer> secondOwns = shards(second);
            Optional<String> table = TABLES.stream()
                    .filter(t -> secondOwns.contains(shardOf(SubscriptionKey.of("two", t)))).findFirst();
            assertThat(table).as("one of %s lands on a shard of the second instance %s", TABLES, secondOwns)
                    .isPresent();
            UUID row = scenario.org("two").table(table.get())
                    .create(Map.of(nameColumn(table.get()), "seen by the owner"));

            String settings = table.get().equals("lead") // a table without change tracking
                    ? "{\"interval\": \"200ms\", \"strategy\": \"MODIFIED_ON\"}" : "{\"interval\": \"200ms\"}";
            HttpResponse<String> created = put(first, "/api/subscriptions/two/" + table.get(), settings);

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scenario.changes("two", table.get()))
                    .extracting(c -> c.getRecordId()).containsExactly(row.toString()));
            assertThat(health(second)).as("the owner polls it").contains("two:" + table.get());
            assertThat(health(first)).as("the instance that stored it does not").doesNotContain("two:" + table.get());
        }
    }

    private static String nameColumn(String table) {
        return switch (table) {
            case "contact" -> "firstname";
            case "lead" -> "subject";
            default -> "name";
        };
    }

    /** The shard a subscription lands on: its key's partition of crm.poller-checkpoints (3 in every scenario). */
    private static int shardOf(SubscriptionKey key) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % 3;
    }

    private static OwnedSubscriptions owned(ConfigurableApplicationContext poller) {
        return poller.getBean(OwnedSubscriptions.class);
    }

    private static Set<Integer> shards(ConfigurableApplicationContext poller) {
        return owned(poller).shards();
    }

    private static String health(ConfigurableApplicationContext poller) {
        URI base = URI.create("http://localhost:" + poller.getEnvironment().getProperty("local.server.port"));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/actuator/health")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> put(ConfigurableApplicationContext poller, String path, String json) {
        String login = Base64.getEncoder().encodeToString((Scenario.ADMIN + ":" + Scenario.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        URI base = URI.create("http://localhost:" + poller.getEnvironment().getProperty("local.server.port"));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Basic " + login).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
