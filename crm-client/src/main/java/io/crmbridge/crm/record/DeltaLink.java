package io.crmbridge.crm.record;

import java.util.Objects;

/**
 * An {@code @odata.deltaLink}: the absolute URL that returns the changes since the response that carried it.
 * Opaque; stored by the poller as its checkpoint and sent back unchanged.
 */
public record DeltaLink(String url) {

    public DeltaLink {
        Objects.requireNonNull(url, "url");
    }
}
