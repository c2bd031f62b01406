package io.crmbridge.sandbox.dataverse;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.crmbridge.sandbox.dataverse.WebApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Change tracking over HTTPS (reference §2): initial sync, deltas, deletions, expiry and refusals. */
class ChangeTrackingIT {

    private static final String TRACK = "odata.track-changes";
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void pagesTheInitialSyncAndPutsTheDeltaLinkOnTheLastPageOnly() {
        Fixture fixture = new Fixture();
        for (int i = 0; i < 12; i++) {
            fixture.accounts().create(Map.of("name", "A" + i));
        }
        Set<String> seen = new HashSet<>();
        String url = "accounts?$select=name";
        String deltaLink = null;
        int pages = 0;
        while (url != null) {
            HttpResponse<String> page = fixture.client.get(url, "Prefer", TRACK + ",odata.maxpagesize=5");
            assertThat(page.headers().firstValue("Preference-Applied").orElseThrow()).contains(TRACK);
            JsonNode body = json(page);
            assertThat(body.get("@odata.context").stringValue()).endsWith("$metadata#accounts(name)");
            body.get("value").forEach(row -> seen.add(row.get("accountid").stringValue()));
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").stringValue() : null;
            assertThat(body.has("@odata.deltaLink")).isEqualTo(url == null);
            if (url == null) {
                deltaLink = body.get("@odata.deltaLink").stringValue();
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(12);
        assertThat(deltaLink).matches(".*/accounts\\?\\$select=name&\\$deltatoken=\\d+%21\\d\\d%2f\\d\\d%2f\\d{4}%20"
                + "\\d\\d%3a\\d\\d%3a\\d\\d");
    }

    @Test
    void returnsChangedRowsByVersionThenDeletedRows() {
        Fixture fixture = new Fixture();
        UUID first = fixture.accounts().create(Map.of("name", "first"));
        UUID second = fixture.accounts().create(Map.of("name", "second"));
        UUID third = fixture.accounts().create(Map.of("name", "third"));
        String deltaLink = fixture.initialSync();
        fixture.accounts().update(second, Map.of("name", "second v2"));
        fixture.accounts().delete(first);
        fixture.accounts().update(third, Map.of("name", "third v2"));
        UUID fourth = fixture.accounts().create(Map.of("name", "fourth"));
        JsonNode delta = json(fixture.client.get(deltaLink, "Prefer", TRACK));
        assertThat(delta.get("@odata.context").stringValue())
                .isEqualTo(fixture.org.apiUrl() + "/$metadata#accounts(name)/$delta");
        JsonNode value = delta.get("value");
        assertThat(ids(value)).containsExactly(second.toString(), third.toString(), fourth.toString(), first.toString());
        assertThat(value.get(0).get("name").stringValue()).isEqualTo("second v2");
        JsonNode deleted = value.get(3);
        assertThat(deleted.get("@odata.context").stringValue())
                .isEqualTo(fixture.org.apiUrl() + "/$metadata#accounts/$deletedEntity");
        assertThat(deleted.get("reason").stringValue()).isEqualTo("deleted");
        assertThat(deleted.size()).isEqualTo(3);
        assertThat(delta.get("@odata.deltaLink").stringValue()).isNotEqualTo(deltaLink);
    }

    @Test
    void reportsARowCreatedAndDeletedBetweenPollsAsDeleted() {
        Fixture fixture = new Fixture();
        String deltaLink = fixture.initialSync();
        UUID ephemeral = fixture.accounts().create(Map.of("name", "blink"));
        fixture.accounts().delete(ephemeral);
        JsonNode value = json(fixture.client.get(deltaLink, "Prefer", TRACK)).get("value");
        assertThat(value.size()).isEqualTo(1);
        assertThat(value.get(0).get("id").stringValue()).isEqualTo(ephemeral.toString());
        assertThat(value.get(0).get("reason").stringValue()).isEqualTo("deleted");
    }

    @Test
    void answersAnEmptyDeltaWithANewDeltaLinkThatKeepsWorking() {
        Fixture fixture = new Fixture();
        fixture.accounts().create(Map.of("name", "quiet"));
        String deltaLink = fixture.initialSync();
        JsonNode empty = json(fixture.client.get(deltaLink, "Prefer", TRACK));
        assertThat(empty.get("value").size()).isZero();
        String next = empty.get("@odata.deltaLink").stringValue();
        UUID later = fixture.accounts().create(Map.of("name", "later"));
        assertThat(ids(json(fixture.client.get(next, "Prefer", TRACK)).get("value"))).containsExactly(later.toString());
    }

    @Test
    void pagesALargeDeltaWithNextLinks() {
        Fixture fixture = new Fixture();
        String deltaLink = fixture.initialSync();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(fixture.accounts().create(Map.of("name", "n" + i)));
        }
        fixture.accounts().delete(created.get(0));
        fixture.accounts().delete(created.get(1));
        List<String> seen = new ArrayList<>();
        String url = deltaLink;
        while (true) {
            JsonNode page = json(fixture.client.get(url, "Prefer", TRACK + ",odata.maxpagesize=3"));
            assertThat(page.get("@odata.context").stringValue()).endsWith("/$delta");
            seen.addAll(ids(page.get("value")));
            if (!page.has("@odata.nextLink")) {
                assertThat(page.has("@odata.deltaLink")).isTrue();
                break;
            }
            url = page.get("@odata.nextLink").stringValue();
        }
        List<String> expected = new ArrayList<>();
        created.subList(2, 7).forEach(id -> expected.add(id.toString()));
        expected.add(created.get(0).toString());
        expected.add(created.get(1).toString());
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void refusesFilterOrderByTopAndExpandWithChangeTracking() {
        Fixture fixture = new Fixture();
        for (String option : List.of("$filter=name eq 'x'", "$orderby=name", "$top=1", "$expand=primarycontactid")) {
            HttpResponse<String> response = fixture.client.get("accounts?$select=name&" + option, "Prefer", TRACK);
            assertThat(response.statusCode()).isEqualTo(400);
            String name = option.substring(0, option.indexOf('='));
            assertThat(json(response).get("error").get("message").stringValue())
                    .isEqualTo("The \"" + name + "\" query parameter isn't supported when Change Tracking is enabled.");
        }
    }

    @Test
    void expiresDeltaTokensOlderThanTheRetentionPeriod() {
        Fixture fixture = new Fixture();
        String deltaLink = fixture.initialSync();
        sandbox.clock().advance(Duration.ofDays(6));
        try {
            // Access tokens live an hour: the client needs a fresh one after the clock jumps.
            assertThat(new WebApiClient(sandbox, fixture.org.name()).get(deltaLink, "Prefer", TRACK).statusCode())
                    .isEqualTo(200);
            sandbox.clock().advance(Duration.ofDays(2));
            assertExpired(new WebApiClient(sandbox, fixture.org.name()).get(deltaLink, "Prefer", TRACK));
        } finally {
            sandbox.clock().advance(Duration.ofDays(-8));
        }
    }

    @Test
    void expiresEveryOutstandingTokenWhenAskedTo() {
        Fixture fixture = new Fixture();
        String deltaLink = fixture.initialSync();
        fixture.org.breakDeltaTokens();
        assertExpired(fixture.client.get(deltaLink, "Prefer", TRACK));
        String fresh = fixture.initialSync();
        assertThat(fixture.client.get(fresh, "Prefer", TRACK).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsATamperedDeltaToken() {
        Fixture fixture = new Fixture();
        String deltaLink = fixture.initialSync();
        String tampered = deltaLink.replaceFirst("deltatoken=\\d+", "deltatoken=999999999");
        assertThat(fixture.client.get(tampered, "Prefer", TRACK).statusCode()).isEqualTo(400);
        assertThat(fixture.client.get("accounts?$deltatoken=garbage", "Prefer", TRACK).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesChangeTrackingOnATableWithoutIt() {
        Fixture fixture = new Fixture();
        HttpResponse<String> response = fixture.client.get("leads?$select=subject", "Prefer", TRACK);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Preference-Applied")).isEmpty();
    }

    @Test
    void ignoresTheTrackingPreferenceOnAnUntrackedTableWhenSoConfigured() {
        try (Sandbox lenient = Sandbox.start(SandboxSettings.defaults()
                .withDataverse(DataverseSettings.defaults().withUntrackedTableRejected(false)))) {
            WebApiClient client = new WebApiClient(lenient, "contoso");
            lenient.dataverse().org("contoso").table("lead").create(Map.of("subject", "hello"));
            HttpResponse<String> response = client.get("leads?$select=subject", "Prefer", TRACK);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).has("@odata.deltaLink")).isFalse();
            assertThat(json(response).get("value").size()).isEqualTo(1);
        }
    }

    private static void assertExpired(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        RecordWritesIT.assertError(response, "0x80044352",
                "Version stamp associated with the client has expired. Please perform a full sync.");
    }

    private static List<String> ids(JsonNode value) {
        List<String> ids = new ArrayList<>();
        value.forEach(row -> ids.add(row.has("accountid") ? row.get("accountid").stringValue()
                : row.get("id").stringValue()));
        return ids;
    }

    /** A fresh org per test, so versions and tombstones of other tests stay out of its deltas. */
    private static final class Fixture {
        final Org org = sandbox.dataverse().org("tracking" + ORGS.incrementAndGet());
        final WebApiClient client = new WebApiClient(sandbox, org.name());

        Table accounts() {
            return org.table("account");
        }

        String initialSync() {
            JsonNode body = json(client.get("accounts?$select=name", "Prefer", TRACK));
            return body.get("@odata.deltaLink").stringValue();
        }
    }
}
