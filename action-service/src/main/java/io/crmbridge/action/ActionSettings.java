package io.crmbridge.action;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.action.*}: how the action service consumes and writes.
 *
 * @param groupId         consumer group of the command loops (also the start of their transactional ids)
 * @param instanceId      this instance's stable name (e.g. the pod name): transactional ids derive from it, so a
 *                        restarted instance fences its predecessor's open transaction at once
 * @param consumers       command loops (consumer + transactional producer each) in this instance
 * @param maxRecords      most records one transaction takes
 * @param linger          how long to keep collecting records after the first, to fill batches
 * @param pollTimeout     longest an idle poll waits
 * @param batching        group a connection's writes into {@code $batch} requests
 * @param batchSize       most writes per {@code $batch} (1..1000)
 * @param maxAttempts     sendings of a write whose own part failed with 429 or a transient error
 * @param maxInFlight     requests of one connection in flight from one loop
 * @param holdDeadline    how long a command waits for its connection's token before it fails with TOKEN_EXPIRED
 * @param maxCommandBytes commands larger than this fail with INVALID_COMMAND
 */
@Validated
@ConfigurationProperties("crmbridge.action")
public record ActionSettings(@DefaultValue("action-service") @NotBlank String groupId,
                             @DefaultValue("local") @NotBlank String instanceId,
                             @DefaultValue("1") @Min(1) @Max(64) int consumers,
                             @DefaultValue("1000") @Min(1) @Max(100_000) int maxRecords,
                             @DefaultValue("20ms") @NotNull Duration linger,
                             @DefaultValue("200ms") @NotNull Duration pollTimeout,
                             @DefaultValue("true") boolean batching,
                             @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
                             @DefaultValue("5") @Min(1) int maxAttempts,
                             @DefaultValue("8") @Min(1) int maxInFlight,
                             @DefaultValue("24h") @NotNull Duration holdDeadline,
                             @DefaultValue("1048576") @Min(1) int maxCommandBytes) {
}
