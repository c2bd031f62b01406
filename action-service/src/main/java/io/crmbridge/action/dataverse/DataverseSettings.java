package io.crmbridge.action.dataverse;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.dataverse.*}: how the service reaches the Web API (crm-client settings).
 *
 * @param tokenWait          longest a request waits for a token (the first, or a newer one after a 401)
 * @param requestTimeout     longest one attempt may take
 * @param maxAttempts        attempts of a whole request on 429 and transient failures
 * @param backoffUnit        without Retry-After, attempt n waits backoffUnit * 2^n
 * @param maxRetryAfter      longest Retry-After waited for inside one request
 * @param maxConcurrency     requests of one connection in flight (the governor)
 * @param initialRate        requests per second a connection starts with
 * @param maxRate            the governor's ceiling in requests per second
 * @param rateIncrease       requests per second gained per second without 429
 * @param trustStore         PKCS12 trust store for the Web API's TLS (empty: the JDK's)
 * @param trustStorePassword its password
 * @param metadataMaxAge     longest table metadata is kept before it is read again (a column added reaches
 *                           command validation within it)
 */
@Validated
@ConfigurationProperties("crmbridge.dataverse")
public record DataverseSettings(@DefaultValue("30s") @NotNull Duration tokenWait,
                                @DefaultValue("2m") @NotNull Duration requestTimeout,
                                @DefaultValue("5") @Min(1) int maxAttempts,
                                @DefaultValue("1s") @NotNull Duration backoffUnit,
                                @DefaultValue("5m") @NotNull Duration maxRetryAfter,
                                @DefaultValue("16") @Min(1) int maxConcurrency,
                                @DefaultValue("25") double initialRate,
                                @DefaultValue("500") double maxRate,
                                @DefaultValue("1") double rateIncrease,
                                @DefaultValue("") String trustStore,
                                @DefaultValue("") String trustStorePassword,
                                @DefaultValue("15m") @NotNull Duration metadataMaxAge) {
}
