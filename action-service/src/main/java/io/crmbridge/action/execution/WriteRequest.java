package io.crmbridge.action.execution;

import java.util.Map;
import java.util.Objects;

/**
 * One Web API request of a write, independent of how it is sent (alone or as a {@code $batch} part).
 *
 * @param path    relative to the Web API root ({@code .../api/data/v9.2/}), e.g. {@code accounts(<id>)}
 * @param headers request headers beyond the standard OData ones (If-Match, Content-Type)
 * @param body    JSON, or null for none
 */
public record WriteRequest(String method, String path, Map<String, String> headers, String body) {

    public WriteRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
    }
}
