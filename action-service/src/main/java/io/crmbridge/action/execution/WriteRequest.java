package io.crmbridge.action.execution;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.crmbridge.crm.webapi.WebApiRequest;

/**
 * One Web API request of a write, as {@link WebApiWrites} had crm-client shape it, independent of how it is sent
 * (alone or as a {@code $batch} part).
 */
public record WriteRequest(WebApiRequest webApi) {

    public WriteRequest {
        Objects.requireNonNull(webApi, "webApi");
    }

    /** The JSON body as text, or null for none. */
    public String body() {
        return webApi.body() == null ? null : new String(webApi.body(), StandardCharsets.UTF_8);
    }
}
