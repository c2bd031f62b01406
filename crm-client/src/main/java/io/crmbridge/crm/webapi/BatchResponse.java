package io.crmbridge.crm.webapi;

import java.util.List;
import java.util.Optional;

/**
 * The answers to a {@code $batch}, one {@link BatchPart} per request in batch order. When a change set failed and
 * Dataverse answered it with a single error part (OData 4.0), every request of that change set carries that part.
 *
 * <p>Without {@code continue-on-error} Dataverse stops at the first failure and answers 400 with only the failing
 * part ({@link #stoppedBy()}): the requests before it ran, the rest did not, and which one failed cannot be told
 * (its parts are all empty). Send batches with continue-on-error to get one answer per request.
 *
 * @param status    the status of the whole batch: 200, or 400 when a batch without continue-on-error stopped
 * @param parts     one per request
 * @param stoppedBy the failing part that stopped a batch without continue-on-error
 */
public record BatchResponse(int status, List<BatchPart> parts, Optional<WebApiResponse> stoppedBy) {

    public BatchResponse {
        parts = List.copyOf(parts);
    }

    /** Whether every request ran and succeeded. */
    public boolean allSucceeded() {
        return stoppedBy.isEmpty() && parts.stream().allMatch(BatchPart::succeeded);
    }
}
