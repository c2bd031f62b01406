package io.crmbridge.action.execution;

import java.time.Duration;
import java.util.Optional;

/**
 * What Dataverse answered to one write request (or one {@code $batch} part).
 *
 * @param entityId   the {@code OData-EntityId} header: the URL of the row written, when sent
 * @param code       Dataverse's error code (hex), empty on success or when none was sent
 * @param message    Dataverse's error message, empty on success
 * @param retryAfter the part's or response's {@code Retry-After}
 */
public record WriteResponse(int status, Optional<String> entityId, String code, String message,
                            Optional<Duration> retryAfter) {

    public WriteResponse {
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }

    public static WriteResponse success(int status, String entityId) {
        return new WriteResponse(status, Optional.ofNullable(entityId), "", "", Optional.empty());
    }

    public static WriteResponse error(int status, String code, String message) {
        return new WriteResponse(status, Optional.empty(), code, message, Optional.empty());
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
