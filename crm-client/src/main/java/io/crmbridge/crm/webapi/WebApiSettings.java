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
 */
public record WebApiSettings(String apiVersion, Duration requestTimeout, Duration tokenWait, RetrySettings retry,
                             GovernorSettings governor) {

    public WebApiSettings {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(tokenWait, "tokenWait");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(governor, "governor");
    }

    /** v9.2, 2 minutes per attempt, 30 s for a token, default retries and governor. */
    public static WebApiSettings defaults() {
        return new WebApiSettings("v9.2", Duration.ofMinutes(2), Duration.ofSeconds(30), RetrySettings.defaults(),
                GovernorSettings.defaults());
    }

    public WebApiSettings withRetry(RetrySettings settings) {
        return new WebApiSettings(apiVersion, requestTimeout, tokenWait, settings, governor);
    }

    public WebApiSettings withGovernor(GovernorSettings settings) {
        return new WebApiSettings(apiVersion, requestTimeout, tokenWait, retry, settings);
    }

    public WebApiSettings withTimeouts(Duration request, Duration token) {
        return new WebApiSettings(apiVersion, request, token, retry, governor);
    }
}
