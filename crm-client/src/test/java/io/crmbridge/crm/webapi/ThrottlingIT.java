package io.crmbridge.crm.webapi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crmbridge.crm.failure.RetrySettings;
import io.crmbridge.crm.governor.GovernorSettings;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.RecordPage;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.sandbox.dataverse.ServiceProtectionLimits;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service protection set low in the sandbox (10 requests per second per caller): a burst of requests all succeed in
 * the end, and the governor keeps the 429s to a handful instead of a storm.
 */
class ThrottlingIT {

    private static final int REQUESTS = 30;

    @Test
    void getsEveryRequestThroughALowLimitWithOnlyAFew429s() {
        WebApiSettings settings = SandboxConnection.quick()
                .withRetry(RetrySettings.defaults().withMaxAttempts(10)
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)))
                .withGovernor(GovernorSettings.defaults().withRates(25, 0.5, 200).withMaxConcurrency(8));
        SandboxConnection sandbox = new SandboxConnection("throttled", settings);
        sandbox.org.table("account").create(Map.of("name", "Busy"));
        sandbox.org.throttle(ServiceProtectionLimits.defaults().withRequests(10, Duration.ofSeconds(1)));
        RecordParser parser = new RecordParser(TableMetadata.minimal("account", "accounts"));

        List<Outcome<RecordPage>> outcomes = Flux.range(0, REQUESTS)
                .flatMap(i -> sandbox.connection.query(parser, Query.of("accounts").select("name"),
                        ReadOptions.defaults()), 32)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(outcomes).hasSize(REQUESTS).allMatch(Outcome::succeeded);
        // The sandbox logs a request once its response is written, which may be just after the client has it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                sandbox.sandbox.requests().count(entry -> entry.status() == 200
                        && entry.org().equals(Optional.of("throttled")))).isEqualTo(REQUESTS));
        long throttled = sandbox.sandbox.requests().count(entry -> entry.status() == 429
                && entry.org().equals(Optional.of("throttled")));
        // Without the governor every request over the limit would come back 429, again and again.
        assertThat(throttled).isPositive().isLessThanOrEqualTo(12);
        assertThat(sandbox.connection.governor().snapshot().rate()).isLessThan(25);
        System.out.printf("throttling: %d requests, %d answered 429, rate now %.1f/s%n", REQUESTS, throttled,
                sandbox.connection.governor().snapshot().rate());
    }
}
