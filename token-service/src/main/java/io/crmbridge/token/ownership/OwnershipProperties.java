package io.crmbridge.token.ownership;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.token.ownership.*}: how instances share the connections.
 *
 * @param groupId        consumer group of the vault topic; partitions assigned to an instance are the connections it
 *                       owns (one group per deployment)
 * @param instanceId     this instance's name in events and client ids (default: the host name)
 * @param sessionTimeout how long a silent instance keeps its connections before another takes them over
 * @param startupTimeout how long start-up waits to have read every connection definition
 */
@Validated
@ConfigurationProperties("crmbridge.token.ownership")
public record OwnershipProperties(@DefaultValue("crm-token-service") @NotBlank String groupId, String instanceId,
                           @DefaultValue("15s") Duration sessionTimeout, @DefaultValue("60s") Duration startupTimeout) {
}
