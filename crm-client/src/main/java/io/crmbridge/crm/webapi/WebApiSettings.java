package io.crmbridge.crm.webapi;

import java.time.Duration;
import java.util.Objects;

import io.crmbridge.crm.failure.RetrySettings;
import io.crmbridge.crm.governor.GovernorSettings;

/**
 * How the client talks to the Web API.
 *
 * @param apiVersion     the version segment, {@code v9.2}
 * @param requestTimeout longest one attempt may take, response body included; past it the attempt counts as a
 *                       transient failure (no response)
 * @param tokenWait      longest a request waits for a token (the first one, or a renewed one after a 401)
 * @param retry          retry bounds for 429 and transient failures
 * @param governor       pace and concurrency of each connection
 * @param metadataMaxAge longest table metadata ({@code EntityDefinitions}) is kept: an older entry is read again on
 *                       next use, so a column a maker adds reaches the client within this time
 */
public record WebApiSettings(String apiVersion, Duration requestTimeout, Duration tokenWait, RetrySettings retry,
                             GovernorSettings governor, Duration metadataMaxAge) {

    /** Keep metadata 15 minutes: a new column shows up within that, and metadata reads stay rare. */
    public static final Duration DEFAULT_METADATA_MAX_AGE = Duration.ofMinutes(15);

    public WebApiSettings {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(tokenWait, "tokenWait");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(governor, "governor");
        Objects.requireNonNull(metadataMaxAge, "metadataMaxAge");
        if (metadataMaxAge.isNegative() || metadataMaxAge.isZero()) {
            throw new IllegalArgumentException("metadataMaxAge must be positive, not " + metadataMaxAge);
        }
    }

    /** v9.2, 2 minutes per attempt, 30 s for a token, default retries and governor, metadata kept 15 minutes. */
    public static WebApiSettings defaults() {
        return new WebApiSettings("v9.2", Duration.ofMinutes(2), Duration.ofSeconds(30), RetrySettings.defaults(),
                GovernorSettings.defaults(), DEFAULT_METADATA_MAX_AGE);
    }

    public WebApiSettings withRetry(RetrySettings settings) {
        return new WebApiSettings(apiVersion, requestTimeout, tokenWait, settings, governor, metadataMaxAge);
    }

    public WebApiSettings withGovernor(GovernorSettings settings) {
        return new WebApiSettings(apiVersion, requestTimeout, tokenWait, retry, settings, metadataMaxAge);
    }

    public WebApiSettings withTimeouts(Duration request, Duration token) {
        return new WebApiSettings(apiVersion, request, token, retry, governor, metadataMaxAge);
    }

    public WebApiSettings withMetadataMaxAge(Duration maxAge) {
        return new WebApiSettings(apiVersion, requestTimeout, tokenWait, retry, governor, maxAge);
    }
}
