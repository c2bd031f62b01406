package io.crmbridge.local;

import java.time.Duration;
import java.util.Objects;

import io.crmbridge.sandbox.dataverse.Dataverse;

/**
 * How the local stack starts. The command-line stack uses fixed ports, so outside tools (a Kafka client, a browser,
 * curl) know where to connect; the end-to-end tests use free ports (0) and no demo traffic.
 *
 * @param accessTokenLifetime how long the sandbox's access tokens live; the token-service refreshes them halfway,
 *                            so an expired refresh token shows as TOKEN_EXPIRED within half of it
 * @param delegatedOrg        the sandbox org of the delegated connection (the app connection uses the seeded org)
 * @param demo                demo traffic on the seeded org's accounts and the console report
 */
public record LocalStackSettings(int kafkaPort, int sandboxHttpsPort, int sandboxHttpPort, int tokenServicePort,
                                 int pollerServicePort, int actionServicePort, Duration accessTokenLifetime,
                                 String delegatedOrg, boolean demo) {

    public LocalStackSettings {
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(delegatedOrg, "delegatedOrg");
    }

    /** The command-line stack: fixed ports, 2-minute access tokens so a demo expiry shows within a minute. */
    public static LocalStackSettings defaults() {
        return new LocalStackSettings(9092, 8443, 8081, 8090, 8091, 8092, Duration.ofMinutes(2),
                Dataverse.SEEDED_ORG, true);
    }

    /** Free ports, no demo traffic or console, access tokens refreshed every 10 s. */
    public static LocalStackSettings forTests() {
        return new LocalStackSettings(0, 0, 0, 0, 0, 0, Duration.ofSeconds(20), Dataverse.SEEDED_ORG, false);
    }

    public LocalStackSettings withDelegatedOrg(String org) {
        return new LocalStackSettings(kafkaPort, sandboxHttpsPort, sandboxHttpPort, tokenServicePort,
                pollerServicePort, actionServicePort, accessTokenLifetime, org, demo);
    }
}
