package io.crmbridge.poller.tracking;

import java.net.URI;
import java.util.Objects;

/**
 * An {@code @odata.deltaLink}: where the next change-tracking poll starts. Opaque (reference §2.2): sent back
 * exactly as received, never parsed.
 */
public record DeltaLink(URI value) {

    public DeltaLink {
        Objects.requireNonNull(value, "value");
    }

    public static DeltaLink of(String value) {
        return new DeltaLink(URI.create(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
