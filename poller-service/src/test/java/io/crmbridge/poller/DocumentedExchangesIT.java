package io.crmbridge.poller;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import io.crmbridge.events.RecordChanged;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller against Dataverse exchanges written from shared/reference/dataverse-webapi.md (§1.3, §2.2, §2.4, §2.5,
 * §5.1, §6), served by a bare HTTP server of the test's own, not by the sandbox: whatever the sandbox does, these
 * are the responses Microsoft documents, byte for byte where the reference quotes them. Each test asserts exactly
 * which events the poller publishes, and that the links it was given went back untouched.
 */
class DocumentedExchangesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MONTE = "60c4e274-0d87-e711-80e5-00155db19e6d";
    private static final String DELETED = "2e451703-c686-e711-80e5-00155db19e6d";
    private static final String THIRD = "7d5f5e2a-1c2b-4f3e-9a8b-0c1d2e3f4a5b";
    private static final String SELECT = "$select=name,telephone1,fax";
    /** §2.2: the documented deltaLink's token, {@code 919042!08/22/2017 08:10:44}. */
    private static final String TOKEN_919042 = "919042%2108%2f22%2f2017%2008%3a10%3a44";
    /** §2.4: the token of the documented delta response. */
    private static final String TOKEN_919058 = "919058%2108%2f22%2f2017%2008%3a21%3a20";
    /** §1.3: the documented paging cookie form. */
    private static final String COOKIE = "$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie"
            + "%2520page%253d%25221%2522%253e%253caccountid%2520last%253d%2522%257b" + MONTE + "%257d%2522%2520/%253e"
            + "%253c/cookie%253e%22%20istracking=%22True%22%20/%3E";

    @AutoClose
    private static final PollerRig rig = new PollerRig();
    private DisposableServer server;
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** Stands for the request of a full sync (§2.2): the poller chooses its $select; no token, no cookie. */
    private static final String FULL_SYNC = "full sync";

    /** One scripted response, served to the next request if it is exactly {@code request} (or a full sync). */
    private record Answer(String request, int status, String retryAfter, String body) {
        boolean answers(String uri) {
            return request.equals(FULL_SYNC)
                    ? uri.startsWith("/api/data/v9.2/accounts?") && !uri.contains("token=") && !uri.contains("skiptoken")
                    : uri.equals(request);
        }
    }


    @AfterEach
    void stopServer() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void publishesTheDocumentedDeltaUpdateAtAnEtagBelowTheTokenNumberAndTheDocumentedDeletion() {
        serve();
        initialSync(row(MONTE, "W/\\\"918820\\\"", "Monte Orton", "555111"), row(DELETED, "W/\\\"915100\\\"", "Sage Wheeler", "555222"));
        // §2.4, as documented: the updated row carries W/"915244", a number below the token's 919042.
        answer("/api/data/v9.0/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919042, 200, null, """
                {
                  "@odata.context": "%1$s/data/v9.0/$metadata#accounts(name,telephone1,fax)/$delta",
                  "@odata.deltaLink": "%1$s/api/data/v9.0/accounts?%2$s&$deltatoken=%3$s",
                  "value": [
                    {
                      "@odata.etag": "W/\\"915244\\"",
                      "name": "Monte Orton",
                      "telephone1": "555000",
                      "fax": "10101",
                      "accountid": "60c4e274-0d87-e711-80e5-00155db19e6d"
                    },
                    {
                      "@odata.context": "%1$s/api/data/v9.0/$metadata#accounts/$deletedEntity",
                      "id": "2e451703-c686-e711-80e5-00155db19e6d",
                      "reason": "deleted"
                    }
                  ]
                }""".formatted(org(), SELECT, TOKEN_919058));
        // §2.4 [UNVERIFIED] "an empty JSON response": most likely value [] and a new deltaLink.
        answer("/api/data/v9.0/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919058, 200, null,
                emptyDelta("919061%2108%2f22%2f2017%2008%3a31%3a02"));

        try (Scenario scenario = scenario("documented-delta")) {
            await().atMost(WAIT).until(() -> requests.stream().anyMatch(r -> r.contains("919061")) || script.isEmpty());
            await().atMost(WAIT).untilAsserted(() -> assertThat(events(scenario)).containsExactlyInAnyOrder(
                    MONTE + " SNAPSHOT", DELETED + " SNAPSHOT", MONTE + " UPDATED", DELETED + " DELETED"));
            // In order per record (one key, one partition); records on different partitions have no order.
            assertThat(events(scenario)).filteredOn(e -> e.startsWith(MONTE)).containsExactly(MONTE + " SNAPSHOT",
                    MONTE + " UPDATED");
            RecordChanged update = scenario.changes("documented", "account").stream()
                    .filter(c -> c.getChangeType() == io.crmbridge.events.ChangeType.UPDATED).findFirst().orElseThrow();
            assertThat(update.getVersion()).isEqualTo(915244L);
            assertThat(update.getAttributes().get("telephone1")).isEqualTo("555000");
            assertThat(requests).contains("/api/data/v9.0/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919042,
                    "/api/data/v9.0/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919058);
        }
    }

    @Test
    void pagesAnInitialSyncThroughItsNextLinkSentBackUntouched() {
        serve();
        answer(FULL_SYNC, 200, null, """
                {
                  "@odata.context": "%1$s/api/data/v9.2/$metadata#accounts(name,telephone1,fax)",
                  "value": [%2$s],
                  "@odata.nextLink": "%1$s/api/data/v9.2/accounts?%3$s&%4$s"
                }""".formatted(org(), row(MONTE, "W/\\\"915244\\\"", "Monte Orton", "555000"), SELECT, COOKIE));
        answer("/api/data/v9.2/accounts?" + SELECT + "&" + COOKIE, 200, null, """
                {
                  "@odata.context": "%1$s/api/data/v9.2/$metadata#accounts(name,telephone1,fax)",
                  "value": [%2$s, %3$s],
                  "@odata.deltaLink": "%1$s/api/data/v9.2/accounts?%4$s&$deltatoken=%5$s"
                }""".formatted(org(), row(DELETED, "W/\\\"675849\\\"", "Sage Wheeler", "555111"),
                row(THIRD, "W/\\\"675850\\\"", "Third", "555222"), SELECT, TOKEN_919042));
        answer("/api/data/v9.2/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919042, 200, null, emptyDelta(TOKEN_919058));

        try (Scenario scenario = scenario("documented-paging")) {
            await().atMost(WAIT).until(script::isEmpty);
            await().atMost(WAIT).untilAsserted(() -> assertThat(events(scenario)).containsExactlyInAnyOrder(
                    MONTE + " SNAPSHOT", DELETED + " SNAPSHOT", THIRD + " SNAPSHOT"));
            assertThat(requests).contains("/api/data/v9.2/accounts?" + SELECT + "&" + COOKIE);
        }
    }

    @Test
    void waitsOutA429WithRetryAfterAndPublishesThePageOnce() {
        serve();
        // §6: 429 Too Many Requests, Retry-After in seconds, body code 0x80072322.
        answer(FULL_SYNC, 429, "1", """
                {"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""");
        initialSync(row(MONTE, "W/\\\"915244\\\"", "Monte Orton", "555000"));
        answer("/api/data/v9.0/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919042, 200, null, emptyDelta(TOKEN_919058));

        try (Scenario scenario = scenario("documented-throttled")) {
            await().atMost(WAIT).until(script::isEmpty);
            await().atMost(WAIT).untilAsserted(() -> assertThat(events(scenario)).containsExactlyInAnyOrder(MONTE + " SNAPSHOT"));
        }
    }

    @Test
    void resyncsAfterTheExpiredVersionStampErrorPublishingChangesAndTheDeletionsItMissed() {
        serve();
        initialSync(row(MONTE, "W/\\\"915244\\\"", "Monte Orton", "555000"), row(DELETED, "W/\\\"915100\\\"", "Sage Wheeler", "555111"),
                row(THIRD, "W/\\\"915101\\\"", "Third", "555222"));
        // §2.5: ExpiredVersionStamp 0x80044352, the observed message; status [UNVERIFIED; likely 400].
        answer("/api/data/v9.0/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919042, 400, null, """
                {"error":{"code":"0x80044352","message":"Version stamp associated with the client has expired. Please perform a full sync."}}""");
        // The re-sync: MONTE unchanged, THIRD changed (to a lower ETag), DELETED gone, a new row.
        String created = "0b2e6c1d-8f3a-4c5b-9d7e-1f2a3b4c5d6e";
        answer(FULL_SYNC, 200, null, """
                {
                  "@odata.context": "%1$s/api/data/v9.2/$metadata#accounts(name,telephone1,fax)",
                  "value": [%2$s, %3$s, %4$s],
                  "@odata.deltaLink": "%1$s/api/data/v9.2/accounts?%5$s&$deltatoken=%6$s"
                }""".formatted(org(), row(MONTE, "W/\\\"915244\\\"", "Monte Orton", "555000"),
                row(THIRD, "W/\\\"9001\\\"", "Third, renamed", "555222"), row(created, "W/\\\"9002\\\"", "New", "555333"),
                SELECT, TOKEN_919058));
        answer("/api/data/v9.2/accounts?" + SELECT + "&$deltatoken=" + TOKEN_919058, 200, null,
                emptyDelta("919070%2108%2f22%2f2017%2009%3a00%3a00"));

        try (Scenario scenario = scenario("documented-expired")) {
            await().atMost(WAIT).until(script::isEmpty);
            await().atMost(WAIT).untilAsserted(() -> assertThat(events(scenario)).containsExactlyInAnyOrder(
                    MONTE + " SNAPSHOT", DELETED + " SNAPSHOT", THIRD + " SNAPSHOT",
                    THIRD + " UPDATED", created + " CREATED", DELETED + " DELETED"));
        }
    }

    private Scenario scenario(String name) {
        Scenario scenario = rig.scenario(name);
        scenario.connect("documented", org()).poll("documented", "account", "name", "telephone1", "fax")
                .with("crmbridge.poller.defaults.page-size", 2);
        scenario.startPoller();
        return scenario;
    }

    private static List<String> events(Scenario scenario) {
        return scenario.changes("documented", "account").stream()
                .map(c -> c.getRecordId() + " " + c.getChangeType()).toList();
    }

    /** §2.2: the documented initial request's response, with the documented deltaLink (token 919042). */
    private void initialSync(String... rows) {
        answer(FULL_SYNC, 200, null, """
                {
                  "@odata.context": "%1$s/api/data/v9.0/$metadata#accounts(name,telephone1,fax)",
                  "@odata.deltaLink": "%1$s/api/data/v9.0/accounts?%2$s&$deltatoken=%3$s",
                  "value": [%4$s]
                }""".formatted(org(), SELECT, TOKEN_919042, String.join(",", rows)));
    }

    private String emptyDelta(String token) {
        return """
                {
                  "@odata.context": "%1$s/api/data/v9.0/$metadata#accounts(name,telephone1,fax)/$delta",
                  "@odata.deltaLink": "%1$s/api/data/v9.0/accounts?%2$s&$deltatoken=%3$s",
                  "value": []
                }""".formatted(org(), SELECT, token);
    }

    private static String row(String id, String etag, String name, String telephone) {
        return """
                {"@odata.etag": "%s", "name": "%s", "telephone1": "%s", "fax": "10101", "accountid": "%s"}"""
                .formatted(etag, name, telephone, id);
    }

    private void answer(String request, int status, String retryAfter, String body) {
        script.add(new Answer(request, status, retryAfter, body));
    }

    /**
     * A bare Dataverse: EntityDefinitions is not served (404, so the poller reads the table untyped), every other
     * request gets the next scripted answer if it asks for what that answer was written for, else a 400.
     */
    private void serve() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            String uri = request.uri();
            requests.add(uri);
            Answer next;
            synchronized (script) {
                Answer head = script.peek();
                next = uri.contains("EntityDefinitions") || head == null || !head.answers(uri) ? null : script.poll();
            }
            if (uri.contains("EntityDefinitions")) {
                return json(response.status(404), """
                        {"error":{"code":"0x80060888","message":"Resource not found for the segment 'EntityDefinitions'."}}""");
            }
            if (next == null) {
                // Not in the script: a repeated poll of the last delta link is answered as an empty delta again.
                boolean delta = uri.contains("$deltatoken=");
                return json(response.status(delta ? 200 : 400), delta ? emptyDelta(uri.substring(uri.indexOf("$deltatoken=")
                        + "$deltatoken=".length())) : "{\"error\":{\"code\":\"0x80040203\",\"message\":\"unexpected\"}}");
            }
            if (next.retryAfter() != null) {
                response.header("Retry-After", next.retryAfter());
            }
            return json(response.status(next.status()), next.body());
        }).bindNow();
    }

    private static reactor.core.publisher.Mono<Void> json(reactor.netty.http.server.HttpServerResponse response,
                                                          String body) {
        return response.header("Content-Type", "application/json; odata.metadata=minimal")
                .header("OData-Version", "4.0")
                .sendString(Mono.just(body), StandardCharsets.UTF_8).then();
    }

    private String org() {
        return "http://127.0.0.1:" + server.port();
    }
}
