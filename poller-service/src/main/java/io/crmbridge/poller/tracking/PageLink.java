package io.crmbridge.poller.tracking;

import java.net.URI;
import java.util.Objects;

/** An {@code @odata.nextLink}: the next page of a sync in progress. Sent back exactly as received. */
public record PageLink(URI value) {

    public PageLink {
        Objects.requireNonNull(value, "value");
    }

    public static PageLink of(String value) {
        return new PageLink(URI.create(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
