package io.crmbridge.crm.token;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.crm.topic.ClientProperties;

/**
 * How {@link AccessTokenGrants} reaches Kafka.
 *
 * @param kafka         client properties shared by its consumer and producer: {@code bootstrap.servers}, security
 *                      settings; serializer/deserializer and group settings are set by the component itself
 * @param grantsTopic   the compacted topic of {@code AccessTokenGrant}s ({@code crm.access-tokens})
 * @param requestsTopic where 401 reports go as {@code TokenRequest}s ({@code crm.token-requests})
 * @param requestedBy   the name put in {@code TokenRequest.requestedBy}, e.g. {@code poller-service}
 * @param pollTimeout   longest a consumer poll blocks; also how soon {@link AccessTokenGrants#close()} returns
 */
public record GrantSettings(Map<String, Object> kafka, String grantsTopic, String requestsTopic, String requestedBy,
                            Duration pollTimeout) {

    public GrantSettings {
        kafka = Map.copyOf(kafka);
        Objects.requireNonNull(grantsTopic, "grantsTopic");
        Objects.requireNonNull(requestsTopic, "requestsTopic");
        Objects.requireNonNull(requestedBy, "requestedBy");
        if (!kafka.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("kafka properties need bootstrap.servers");
        }
    }

    /** The default topics ({@code crm.access-tokens}, {@code crm.token-requests}) and a 500 ms poll. */
    public static GrantSettings of(String bootstrapServers, String requestedBy) {
        return new GrantSettings(Map.of("bootstrap.servers", bootstrapServers), "crm.access-tokens",
                "crm.token-requests", requestedBy, Duration.ofMillis(500));
    }

    /**
     * From a service's Kafka consumer properties: keeps the connection, security and schema-registry settings and
     * drops what the component sets itself (serdes, group, offsets).
     */
    public static GrantSettings fromKafka(Map<String, Object> properties, String grantsTopic, String requestsTopic,
                                          String requestedBy) {
        return new GrantSettings(ClientProperties.connectionOnly(properties), grantsTopic, requestsTopic, requestedBy,
                Duration.ofMillis(500));
    }

    public GrantSettings withTopics(String grants, String requests) {
        return new GrantSettings(kafka, grants, requests, requestedBy, pollTimeout);
    }

    public GrantSettings withKafka(Map<String, Object> properties) {
        return new GrantSettings(properties, grantsTopic, requestsTopic, requestedBy, pollTimeout);
    }
}
