package io.crmbridge.token;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.AccessToken;
import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.VaultEntry;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.identity.IdentitySeeds;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.token.fixtures.AdminClient;
import io.crmbridge.token.fixtures.Browser;
import io.crmbridge.token.fixtures.Grants;
import io.crmbridge.token.fixtures.TokenServiceRun;
import io.crmbridge.token.fixtures.TopicTap;
import io.crmbridge.token.vault.TokenVault;
import io.crmbridge.token.vault.VaultKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole run — app-only and delegated sign-in, refreshes, a failed refresh, refused callbacks, the API, the page
 * and the metrics — with every log line (DEBUG for the service and MSAL), every byte on every topic and every
 * HTTP answer kept, then searched for every access token, refresh token, id token, client secret, authorization
 * code and password the run produced.
 */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutIT {

    private static final String SCOPE = "secrets-it";

    @Test
    void noTokenSecretCodeOrPasswordAppearsInLogsEventsMetricsOrHttpAnswers(CapturedOutput output) throws IOException {
        String brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        List<String> answers = new ArrayList<>();
        Set<String> accessTokens = ConcurrentHashMap.newKeySet();
        Browser browser = new Browser();
        List<ConsumerRecord<byte[], byte[]>> records;
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            String org = sandbox.httpsBase() + "/org/contoso";
            Path secret = Files.createTempFile("secret", ".txt");
            Files.writeString(secret, IdentitySeeds.SECRET_CLIENT_SECRET);
            Map<String, String> properties = TokenServiceRun.defaults(brokers, SCOPE, sandbox);
            properties.put("logging.level.com.microsoft.aad.msal4j", "DEBUG");
            define(properties, 0, "app", "CLIENT_CREDENTIALS", IdentitySeeds.SECRET_CLIENT_ID, org, sandbox);
            properties.put("crmbridge.token.connections[0].client-secret", "file:" + secret);
            define(properties, 1, "user", "AUTHORIZATION_CODE", IdentitySeeds.NATIVE_CLIENT_ID, org, sandbox);
            try (TokenServiceRun service = TokenServiceRun.start(properties);
                 TopicTap tap = new TopicTap(brokers, SCOPE);
                 AccessTokenGrants grants = Grants.follow(brokers, SCOPE)) {
                Disposable collecting = grants.updates().subscribe(token -> accessTokens.add(token.value()));
                AdminClient admin = new AdminClient(service.baseUrl());
                grants.newerThan(ConnectionId.of("app"), 0).block(Duration.ofSeconds(30));

                URI callback = browser.signIn(service.baseUrl(), "user", IdentitySeeds.ALICE,
                        IdentitySeeds.ALICE_PASSWORD);
                answers.add(browser.get(callback, true).body());
                answers.add(browser.get(callback, true).body());
                answers.add(browser.get(URI.create(callback.toString().replace("state=", "state=x")), true).body());
                AccessToken user = grants.newerThan(ConnectionId.of("user"), 0).block(Duration.ofSeconds(20));
                AccessToken app = grants.current(ConnectionId.of("app")).block(Duration.ofSeconds(5));
                grants.reportUnauthorized(ConnectionId.of("user"), user.generation(), "secrets").block();
                grants.reportUnauthorized(ConnectionId.of("app"), app.generation(), "secrets").block();
                grants.newerThan(ConnectionId.of("user"), user.generation()).block(Duration.ofSeconds(20));
                grants.newerThan(ConnectionId.of("app"), app.generation()).block(Duration.ofSeconds(20));

                sandbox.identity().expireRefreshTokens(IdentitySeeds.ALICE);
                grants.reportUnauthorized(ConnectionId.of("user"), user.generation() + 1, "secrets").block();
                await().untilAsserted(() -> assertThat(tap.count("user", ConnectionEventType.TOKEN_EXPIRED))
                        .isEqualTo(1));
                answers.add(admin.get("/api/connections").body());
                answers.add(admin.get("/connections").body());
                answers.add(AdminClient.anonymous(service.baseUrl()).get("/actuator/prometheus").body());
                answers.add(admin.get("/actuator/health").body());
                answers.add(admin.post("/api/connections", "{\"id\":\"x\",\"clientSecret\":\"" + IdentitySeeds
                        .SECRET_CLIENT_SECRET + "\"}").body());
                await().untilAsserted(() -> assertThat(tap.records("crm.access-tokens")).hasSizeGreaterThanOrEqualTo(4));
                records = tap.records();
                collecting.dispose();
            }
        }
        Set<String> cached = secretsInTheVault(records);
        assertThat(accessTokens).hasSizeGreaterThanOrEqualTo(4);
        assertThat(cached).anyMatch(s -> s.startsWith("RefreshToken=")).anyMatch(s -> s.startsWith("IdToken="));
        List<String> cacheSecrets = cached.stream().map(s -> s.substring(s.indexOf('=') + 1)).toList();
        assertThat(browser.codesSeen).isNotEmpty();

        List<String> secrets = new ArrayList<>(accessTokens);
        secrets.addAll(cacheSecrets);
        secrets.addAll(browser.codesSeen);
        secrets.addAll(List.of(IdentitySeeds.SECRET_CLIENT_SECRET, IdentitySeeds.ALICE_PASSWORD,
                TokenServiceRun.ADMIN_PASSWORD, TokenServiceRun.KEY));
        String logs = output.getAll();
        assertThat(logs).contains("refresh of app").contains("AADSTS700082");
        for (String value : secrets) {
            assertThat(logs).as("the log").doesNotContain(value);
            answers.forEach(answer -> assertThat(answer).as("an HTTP answer").doesNotContain(value));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                assertThat(text(record.key())).as("a key on " + record.topic()).doesNotContain(value);
                assertThat(text(record.value())).as("a value on " + record.topic()).doesNotContain(value);
            }
        }
        records.stream().filter(r -> r.topic().equals("crm.access-tokens") && r.value() != null).forEach(r ->
                accessTokens.forEach(token -> assertThat(text(r.value())).doesNotContain(token)
                        .doesNotContain(token.substring(token.length() - 24))));
    }

    private static void define(Map<String, String> properties, int index, String id, String kind, String clientId,
                               String org, Sandbox sandbox) {
        String prefix = "crmbridge.token.connections[" + index + "].";
        properties.put(prefix + "id", id);
        properties.put(prefix + "org-url", org);
        properties.put(prefix + "authority", sandbox.identity().entraAuthority());
        properties.put(prefix + "auth-kind", kind);
        properties.put(prefix + "client-id", clientId);
    }

    /** Every token in every MSAL cache the vault holds (states and handovers), decrypted with the test key. */
    private static Set<String> secretsInTheVault(List<ConsumerRecord<byte[], byte[]>> records) {
        AvroDeserializer<VaultEntry> reader = new AvroDeserializer<>();
        reader.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", true), false);
        TokenVault vault = new TokenVault(Grants.cipher());
        Set<String> secrets = ConcurrentHashMap.newKeySet();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Optional<VaultKey> key = VaultKey.parse(text(record.key()));
            if (!record.topic().equals("crm.token-vault") || record.value() == null || key.isEmpty()
                    || key.get().kind() == VaultKey.Kind.CREDENTIAL) {
                continue;
            }
            VaultEntry entry = reader.deserialize(record.topic(), record.value());
            TokenCipher.Sealed sealed = new TokenCipher.Sealed(entry.getKeyId(), bytes(entry.getNonce()),
                    bytes(entry.getCiphertext()));
            Optional<String> cache = key.get().kind() == VaultKey.Kind.STATE
                    ? vault.openState(key.get(), sealed).msalCache() : vault.openHandover(key.get(), sealed).msalCache();
            cache.ifPresent(json -> AdminClient.JSON.readTree(json).properties().forEach(section ->
                    section.getValue().valueStream().map(e -> e.path("secret").asString())
                            .filter(s -> s != null && s.length() > 20)
                            .forEach(s -> secrets.add(section.getKey() + "=" + s))));
        }
        return secrets;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
