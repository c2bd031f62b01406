package io.crmbridge.crm.webapi;

import java.time.Instant;
import java.util.Optional;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.ErrorBodies;

/**
 * The answer to one request of a {@code $batch}.
 *
 * @param index    the request's position in {@link Batch#requests()}
 * @param request  the request
 * @param response its response; empty when Dataverse did not run it (a batch without continue-on-error stops at
 *                 the first failure)
 */
public record BatchPart(int index, WebApiRequest request, Optional<WebApiResponse> response) {

    public boolean succeeded() {
        return response.map(WebApiResponse::isSuccess).orElse(false);
    }

    /** Whether Dataverse ran the request at all. */
    public boolean executed() {
        return response.isPresent();
    }

    /** The part's error, if it has a response that is not 2xx. */
    public Optional<DataverseError> error() {
        return response.filter(answer -> !answer.isSuccess())
                .map(answer -> ErrorBodies.parse(answer.status(), answer.body(),
                        answer.header("Retry-After").orElse(null), Instant.now()));
    }
}
