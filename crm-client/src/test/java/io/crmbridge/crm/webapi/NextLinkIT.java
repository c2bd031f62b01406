package io.crmbridge.crm.webapi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.RecordPage;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.crm.token.AccessTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes on the wire, seen by a bare HTTP server over loopback: the nextLink comes back byte for byte as
 * Dataverse wrote it, and every request carries the recommended headers and the same preferences.
 */
class NextLinkIT {

    private static final String ID = "60c4e274-0d87-e711-80e5-00155db19e6d";
    private static final String COOKIE = "$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie"
            + "%2520page%253d%25221%2522%253e%253caccountid%2520last%253d%2522%257b" + ID + "%257d%2522%2520/%253e"
            + "%253c/cookie%253e%22%20istracking=%22False%22%20/%3E";

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private DisposableServer server;

    private record Seen(String uri, Map<String, String> headers) {
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void sendsTheNextLinkBackUntouchedWithTheRecommendedHeaders() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.requestHeaders().forEach(header -> headers.put(header.getKey(), header.getValue()));
            seen.add(new Seen(request.uri(), headers));
            String base = "http://127.0.0.1:" + server.port() + "/api/data/v9.2";
            String body = seen.size() == 1
                    ? "{\"value\":[{\"accountid\":\"" + ID + "\"}],\"@odata.nextLink\":\"" + base
                    + "/accounts?$select=name&" + COOKIE + "\"}"
                    : "{\"value\":[{\"accountid\":\"" + ID.replace('6', '7') + "\"}]}";
            return response.header("Content-Type", "application/json; odata.metadata=minimal")
                    .sendString(Mono.just(body), StandardCharsets.UTF_8).then();
        }).bindNow();
        URI org = URI.create("http://127.0.0.1:" + server.port());
        AccessTokens tokens = AccessTokens.supplied(org, id -> new AccessTokens.IssuedToken("bearer-value",
                Instant.now().plusSeconds(600)));
        DataverseConnection connection = new DataverseWebApi(SandboxConnection.quick(), tokens, HttpClient.create(),
                Clock.systemUTC()).connection(ConnectionId.of("wire"), org);
        ReadOptions options = ReadOptions.defaults().pageSize(1);

        List<Outcome<RecordPage>> pages = connection.pages(new RecordParser(TableMetadata.minimal("account",
                "accounts")), Query.of("accounts").select("name"), options).collectList().block(Duration.ofSeconds(10));

        assertThat(pages).hasSize(2).allMatch(Outcome::succeeded);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).uri()).isEqualTo("/api/data/v9.2/accounts?$select=name");
        assertThat(seen.get(1).uri()).isEqualTo("/api/data/v9.2/accounts?$select=name&" + COOKIE);
        for (Seen request : seen) {
            assertThat(request.headers())
                    .containsEntry("Accept", "application/json")
                    .containsEntry("OData-MaxVersion", "4.0")
                    .containsEntry("OData-Version", "4.0")
                    .containsEntry("If-None-Match", "null")
                    .containsEntry("Authorization", "Bearer bearer-value")
                    .containsEntry("Prefer", "odata.include-annotations=\"*\",odata.maxpagesize=1");
        }
    }
}
